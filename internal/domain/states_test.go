package domain

import (
	"errors"
	"strings"
	"testing"
)

func TestNewMachineRefusesABrokenTable(t *testing.T) {
	states := []Option{{"a", "A"}, {"b", "B"}}
	for name, ts := range map[string][]Transition[string]{
		"unknown state":   {{From: "a", To: "c"}},
		"listed twice":    {{From: "a", To: "b"}, {From: "a", To: "b"}},
		"different stamp": {{From: "a", To: "b", Stamp: "x_at"}, {From: "b", To: "b"}},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("newMachine accepted the table")
				}
			}()
			newMachine("test", "geändert", states, ts)
		})
	}
}

func TestTransitionErrorIsAConflictWithTheGermanMessage(t *testing.T) {
	err := MatchTransitions.Check(MatchLeaseSigned, MatchWithdrawn)
	var te *TransitionError
	var ce *ConflictError
	if !errors.As(err, &te) || te.From != "lease_signed" || te.To != "withdrawn" || !errors.Is(err, ErrConflict) ||
		!errors.As(err, &ce) || !strings.Contains(ce.Message, "Vorschlag") {
		t.Fatalf("Check(lease_signed, withdrawn) = %v", err)
	}
	if err := MatchTransitions.Check(MatchLandlordAccepted, MatchLeaseSigned); err != nil {
		t.Fatalf("lease after Zusage refused: %v", err)
	}
	if got := MatchTransitions.Roles(MatchLandlordAccepted, MatchLeaseSigned); len(got) != 2 || got[0] != RoleStaff {
		t.Errorf("roles of the lease = %v, want staff and admin", got)
	}
}
