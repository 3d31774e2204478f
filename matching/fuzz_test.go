package matching

import (
	"encoding/binary"
	"testing"
)

// byteReader decodes arbitrary fuzz input; past the end it yields zeros.
type byteReader struct{ b []byte }

func (r *byteReader) u8() uint8 {
	if len(r.b) == 0 {
		return 0
	}
	x := r.b[0]
	r.b = r.b[1:]
	return x
}

func (r *byteReader) u16() uint16 { return uint16(r.u8()) | uint16(r.u8())<<8 }

func (r *byteReader) u64() uint64 {
	var buf [8]byte
	for i := range buf {
		buf[i] = r.u8()
	}
	return binary.LittleEndian.Uint64(buf[:])
}

// date is around the fuzz "today" or, rarely, anywhere.
func (r *byteReader) date(today Date) Date {
	x := r.u16()
	switch x % 8 {
	case 0:
		return 0
	case 1:
		return Date(int32(uint32(r.u16())<<16 | uint32(r.u16())))
	}
	return today + Date(int16(x))/8
}

func (r *byteReader) flag() bool { return r.u8()&1 == 1 }

func (r *byteReader) vacancy(today Date) Vacancy {
	return Vacancy{
		ID: int64(r.u8() % 8), Borough: Borough(r.u8() % 9), Floor: int(int8(r.u8())),
		Elevator: r.flag(), StepFree: r.flag(), Wheelchair: r.flag(), RoomsHalf: int(int8(r.u8())),
		AreaCenti: int64(int32(uint32(r.u16()) << 2)), NetColdCents: int64(int16(r.u16())) * 10,
		ServiceChargesCents: int64(r.u16()), AvailableFrom: r.date(today), WBSRequired: r.flag(),
		PetsAllowed: r.flag(), MaxOccupants: int(int8(r.u8())), Places: int(int8(r.u8())),
		Restriction: Restriction(r.u8() % 4), Accepts: Track(r.u8()),
	}
}

func (r *byteReader) household(today Date) Household {
	h := Household{
		ID: int64(r.u8()), Lottery: r.u64(), ActiveMatchVacancyID: int64(r.u8() % 8),
		PausedUntil: r.date(today), CertificateOn: r.date(today), AccompanimentFrom: r.date(today),
		AccompanimentUntil: r.date(today), WBSValidUntil: r.date(today), EarliestMoveIn: r.date(today),
		RegisteredOn: r.date(today), Persons: int16(r.u16()), WBSPersons: int16(r.u16()),
		Status: Status(r.u8() % 6), FocusGroup: FocusGroup(r.u8() % 6), Benefit: Benefit(r.u8() % 5),
		Urgency: int8(r.u8()), Preferred: BoroughSet(r.u8()), Excluded: BoroughSet(r.u8()),
		FachstelleCase: r.flag(), AllFemale: r.flag(), NeedsWheelchair: r.flag(), NeedsStepFree: r.flag(),
		HasPets: r.flag(),
	}
	if h.Persons%4 != 0 {
		h.Persons %= 9
	}
	for range r.u8() % 3 {
		h.Declined = append(h.Declined, int64(r.u8()%8))
	}
	return h
}

func FuzzRank(f *testing.F) {
	f.Add([]byte{}, uint8(0))
	f.Add([]byte("Wohnbrücke Hagen: Mitte, Nord, Hohenlimburg, Eilpe/Dahl, Haspe"), uint8(3))
	seed := make([]byte, 600)
	for i := range seed {
		seed[i] = byte(i * 7)
	}
	f.Add(seed, uint8(0))
	p := DefaultHagenPolicy()
	f.Fuzz(func(t *testing.T, data []byte, limit uint8) {
		today := genToday
		r := &byteReader{b: data}
		v := r.vacancy(today)
		var hs []Household
		for len(r.b) > 0 && len(hs) < 200 {
			hs = append(hs, r.household(today))
		}
		agreeWithReference(t, v, hs, p, today, int(limit%8))
		res, err := Rank(v, hs, p, today, Options{Limit: int(limit % 8)})
		if err != nil {
			t.Fatal(err)
		}
		if res.Eligible+len(res.Excluded) != len(hs) {
			t.Fatalf("%d eligible + %d excluded != %d households", res.Eligible, len(res.Excluded), len(hs))
		}
		if limit%8 == 0 && len(res.Candidates) != res.Eligible {
			t.Fatalf("%d candidates, %d eligible", len(res.Candidates), res.Eligible)
		}
		for _, c := range res.Candidates {
			if rs := Check(v, hs[c.Index], p, today); rs != 0 {
				t.Fatalf("candidate %d fails {%v}", c.Index, rs)
			}
			if c.Score < 0 || Score(v, hs[c.Index], p, today).Score != c.Score {
				t.Fatalf("candidate %d score %d", c.Index, c.Score)
			}
		}
		for _, e := range res.Excluded {
			if e.Reasons == 0 {
				t.Fatalf("excluded %d without reason", e.Index)
			}
			for _, reason := range e.Reasons.Explain(v, hs[e.Index], p, today) {
				if reason.Message == "" {
					t.Fatalf("reason %v without message", reason.Code)
				}
			}
		}
		if len(hs) <= 12 {
			if _, err := Allocate([]Vacancy{v}, hs, p, today); err != nil {
				t.Fatal(err)
			}
		}
	})
}
