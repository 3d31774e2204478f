package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"wohnbruecke/internal/domain"
)

// NormalizeEmail lower-cases and trims an email so that lookups and the unique index agree.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CreateUser inserts a user; a taken email gives a ConflictError.
func (s *Store) CreateUser(ctx context.Context, u *domain.User) error {
	u.Email = NormalizeEmail(u.Email)
	now := s.Now()
	u.CreatedAt, u.UpdatedAt = now, now
	if err := s.q(ctx).Create(u).Error; err != nil {
		if isUniqueViolation(err) {
			return domain.Conflict(domain.CodeEmailTaken, "Diese E-Mail-Adresse ist bereits vergeben.")
		}
		return fmt.Errorf("store: create user: %w", err)
	}
	return nil
}

// UserByEmail finds a user by email.
func (s *Store) UserByEmail(ctx context.Context, email string) (*domain.User, error) {
	var u domain.User
	err := s.q(ctx).Where("email = ?", NormalizeEmail(email)).Take(&u).Error
	if err != nil {
		return nil, notFound("user by email", err)
	}
	return &u, nil
}

// UserByID finds a user by id.
func (s *Store) UserByID(ctx context.Context, id int64) (*domain.User, error) {
	var u domain.User
	if err := s.q(ctx).Take(&u, id).Error; err != nil {
		return nil, notFound("user by id", err)
	}
	return &u, nil
}

// UsersByRole lists active users of a role ordered by name.
func (s *Store) UsersByRole(ctx context.Context, role domain.Role) ([]domain.User, error) {
	var users []domain.User
	err := s.q(ctx).Where("role = ? AND active", string(role)).Order("name").Find(&users).Error
	if err != nil {
		return nil, fmt.Errorf("store: users by role: %w", err)
	}
	return users, nil
}

// CountUsers counts all user accounts.
func (s *Store) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	if err := s.q(ctx).Model(&domain.User{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("store: count users: %w", err)
	}
	return n, nil
}

// SetPassword replaces a user's password hash and signs out all their sessions.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string) error {
	return s.updateUserAndSignOut(ctx, "set password", userID, map[string]any{"password_hash": hash})
}

// RecordLogin notes a successful login.
func (s *Store) RecordLogin(ctx context.Context, userID int64) error {
	err := s.q(ctx).Model(&domain.User{}).Where("id = ?", userID).Update("last_login_at", s.Now()).Error
	if err != nil {
		return fmt.Errorf("store: record login: %w", err)
	}
	return nil
}

// CreateSession stores a new session (by the hash of its cookie value).
func (s *Store) CreateSession(ctx context.Context, sess *domain.Session) error {
	if err := s.q(ctx).Create(sess).Error; err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// SessionUser returns the session and its active user if the session has not expired.
func (s *Store) SessionUser(ctx context.Context, idHash string) (*domain.Session, *domain.User, error) {
	var sess domain.Session
	err := s.q(ctx).Where("id_hash = ? AND expires_at > ?", idHash, s.Now()).Take(&sess).Error
	if err != nil {
		return nil, nil, notFound("session", err)
	}
	u, err := s.UserByID(ctx, sess.UserID)
	if err != nil {
		return nil, nil, err
	}
	if !u.Active {
		return nil, nil, fmt.Errorf("store: session: inactive user: %w", domain.ErrNotFound)
	}
	return &sess, u, nil
}

// TouchSession extends a session's idle expiry, capped at maxExpiry.
func (s *Store) TouchSession(ctx context.Context, idHash string, expires time.Time) error {
	err := s.q(ctx).Model(&domain.Session{}).Where("id_hash = ?", idHash).
		Updates(map[string]any{"last_seen_at": s.Now(), "expires_at": expires}).Error
	if err != nil {
		return fmt.Errorf("store: touch session: %w", err)
	}
	return nil
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, idHash string) error {
	if err := s.q(ctx).Where("id_hash = ?", idHash).Delete(&domain.Session{}).Error; err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes sessions past their expiry, old login attempts and old
// throttle rows.
func (s *Store) DeleteExpiredSessions(ctx context.Context) error {
	now := s.Now()
	if err := s.q(ctx).Where("expires_at <= ?", now).Delete(&domain.Session{}).Error; err != nil {
		return fmt.Errorf("store: delete expired sessions: %w", err)
	}
	if err := s.q(ctx).Where("created_at < ?", now.Add(-24*time.Hour)).Delete(&domain.LoginAttempt{}).Error; err != nil {
		return fmt.Errorf("store: delete old login attempts: %w", err)
	}
	if err := s.q(ctx).Where("created_at < ?", now.Add(-24*time.Hour)).Delete(&requestThrottle{}).Error; err != nil {
		return fmt.Errorf("store: delete old request throttle rows: %w", err)
	}
	return nil
}

// RecordLoginAttempt stores one login try for throttling.
func (s *Store) RecordLoginAttempt(ctx context.Context, email, ip string, success bool) error {
	a := domain.LoginAttempt{Email: NormalizeEmail(email), IP: ip, Success: success, CreatedAt: s.Now()}
	if err := s.q(ctx).Create(&a).Error; err != nil {
		return fmt.Errorf("store: record login attempt: %w", err)
	}
	return nil
}

// ReserveLoginAttempt records a login attempt as failed before its password is checked.
// It counts the failures of the window for the email (since its last success) and the IP
// address first; at perAccount or perIP it records nothing and returns domain.ErrThrottled
// (so a flood does not prolong the lock). Count and insert run in one transaction locked
// on the email and the address (lockKeys), so parallel attempts queue for that moment and
// exactly perAccount wrong passwords reach the hash per account and window, however many
// requests arrive at once.
func (s *Store) ReserveLoginAttempt(ctx context.Context, email, ip string, since time.Time, perAccount, perIP int64) (int64, error) {
	a := domain.LoginAttempt{Email: NormalizeEmail(email), IP: ip, CreatedAt: s.Now()}
	err := s.tx(ctx, func(tx *Store) error {
		if err := tx.lockKeys(ctx, "login:email:"+a.Email, "login:ip:"+ip); err != nil {
			return err
		}
		byEmail, byIP, err := tx.failedLogins(ctx, a.Email, ip, since)
		if err != nil {
			return err
		}
		if byEmail >= perAccount || byIP >= perIP {
			return fmt.Errorf("store: login attempt (%d by account, %d by ip): %w", byEmail, byIP, domain.ErrThrottled)
		}
		if err := tx.q(ctx).Create(&a).Error; err != nil {
			return fmt.Errorf("store: reserve login attempt: %w", err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return a.ID, nil
}

// LoginAttemptSucceeded marks a reserved attempt as successful, which resets the account's
// count of failures.
func (s *Store) LoginAttemptSucceeded(ctx context.Context, id int64) error {
	if err := s.q(ctx).Model(&domain.LoginAttempt{}).Where("id = ?", id).Update("success", true).Error; err != nil {
		return fmt.Errorf("store: login attempt succeeded: %w", err)
	}
	return nil
}

// ReleaseLoginAttempt deletes a reservation whose password was never checked.
func (s *Store) ReleaseLoginAttempt(ctx context.Context, id int64) error {
	if err := s.q(ctx).Delete(&domain.LoginAttempt{}, id).Error; err != nil {
		return fmt.Errorf("store: release login attempt: %w", err)
	}
	return nil
}

// failedLogins counts failed attempts since a moment, for an email (after its latest
// success, by id, which orders attempts even when their times are equal) and for an IP.
func (s *Store) failedLogins(ctx context.Context, email, ip string, since time.Time) (byEmail, byIP int64, err error) {
	var lastOK domain.LoginAttempt
	var afterID int64
	err = s.q(ctx).Where("email = ? AND success AND created_at >= ?", email, since).
		Order("id DESC").Limit(1).Take(&lastOK).Error
	switch {
	case err == nil:
		afterID = lastOK.ID
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return 0, 0, fmt.Errorf("store: failed logins: %w", err)
	}
	if err := s.q(ctx).Model(&domain.LoginAttempt{}).
		Where("email = ? AND NOT success AND created_at >= ? AND id > ?", email, since, afterID).Count(&byEmail).Error; err != nil {
		return 0, 0, fmt.Errorf("store: failed logins by email: %w", err)
	}
	if err := s.q(ctx).Model(&domain.LoginAttempt{}).
		Where("ip = ? AND NOT success AND created_at >= ?", ip, since).Count(&byIP).Error; err != nil {
		return 0, 0, fmt.Errorf("store: failed logins by ip: %w", err)
	}
	return byEmail, byIP, nil
}

// Audit writes an audit entry.
func (s *Store) Audit(ctx context.Context, e *domain.AuditEntry) error {
	if e.At.IsZero() {
		e.At = s.Now()
	}
	if err := s.q(ctx).Create(e).Error; err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

// LockActiveAdmins locks the rows of the active admins until the transaction ends and
// returns how many there are, so that two admins taking the role from each other at once
// cannot both succeed and leave none.
func (s *Store) LockActiveAdmins(ctx context.Context) (int, error) {
	var ids []int64
	err := s.forUpdate(s.q(ctx).Model(&domain.User{})).Where("role = ? AND active", domain.RoleAdmin).Pluck("id", &ids).Error
	if err != nil {
		return 0, fmt.Errorf("store: lock active admins: %w", err)
	}
	return len(ids), nil
}

// DeactivateUser marks an account inactive and ends all its sessions; it can no longer
// sign in or use an API token.
func (s *Store) DeactivateUser(ctx context.Context, userID int64) error {
	return s.updateUserAndSignOut(ctx, "deactivate user", userID, map[string]any{"active": false})
}

// SetUserRole gives an account another role and ends its sessions.
func (s *Store) SetUserRole(ctx context.Context, userID int64, role domain.Role) error {
	return s.updateUserAndSignOut(ctx, "set user role", userID, map[string]any{"role": string(role)})
}

// updateUserAndSignOut changes an account's columns and ends all its sessions, in one
// transaction: after a new password, deactivation or another role no old session counts.
func (s *Store) updateUserAndSignOut(ctx context.Context, op string, userID int64, fields map[string]any) error {
	return s.tx(ctx, func(tx *Store) error {
		fields["updated_at"] = tx.Now()
		res := tx.q(ctx).Model(&domain.User{}).Where("id = ?", userID).Updates(fields)
		if res.Error != nil {
			return fmt.Errorf("store: %s: %w", op, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("store: %s: %w", op, domain.ErrNotFound)
		}
		return tx.endSessions(ctx, userID)
	})
}

func (s *Store) endSessions(ctx context.Context, userID int64) error {
	if err := s.q(ctx).Where("user_id = ?", userID).Delete(&domain.Session{}).Error; err != nil {
		return fmt.Errorf("store: end sessions of user %d: %w", userID, err)
	}
	return nil
}
