package domain

// Actor is who does something: a signed-in user, an integration's API token (User set,
// Label the token's name) or an applicant through an email link (User nil).
type Actor struct {
	User      *User
	Label     string
	IP        string
	RequestID string
}

// UserID returns the acting user's id, or nil for applicants.
func (a Actor) UserID() *int64 {
	if a.User == nil {
		return nil
	}
	id := a.User.ID
	return &id
}

// Role returns the acting user's role, or "" for applicants.
func (a Actor) Role() Role {
	if a.User == nil {
		return ""
	}
	return a.User.Role
}

// Audit returns an audit entry for an action on a record by this actor.
func (a Actor) Audit(action, entity string, id int64, detail string) *AuditEntry {
	label := a.Label
	if label == "" && a.User != nil {
		label = a.User.Name
	}
	return &AuditEntry{ActorUserID: a.UserID(), ActorLabel: label, Action: action, Entity: entity,
		EntityID: &id, Detail: detail, IP: a.IP, RequestID: a.RequestID}
}
