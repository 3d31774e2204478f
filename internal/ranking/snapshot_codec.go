package ranking

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"wohnbruecke/internal/domain"
	"wohnbruecke/matching"
)

// The stored form of a snapshot (format 1) is one format byte followed by a DEFLATE stream
// of two length-prefixed sections: the inputs (policy, today, vacancy, households) and the
// order (every candidate best first, every excluded household). Each section is a sequence
// of tables written column by column, every value a varint; columns that grow steadily
// (household IDs, scores, excluded positions) hold differences. Columns of similar small
// numbers compress far better than rows of mixed ones: the demo data's 20,000 households
// with their order take about 420 kB instead of 9.3 MB as JSON (BenchmarkSnapshotRecord). The
// fastest DEFLATE level costs 7% more bytes than the default but a fifth of the time (about
// 20 ms for 20,000 households), which an approval waits for. Weights added later (the
// occupancy of policy version 2) follow the inputs in a table of their own only when set, so
// snapshots recorded before them keep their bytes and hashes.
const snapshotFormat = 1

// column reads and writes one integer field of T.
type column[T any] struct {
	get   func(*T) int64
	set   func(*T, int64)
	delta bool // stored as the difference to the previous row
}

// errCorrupt reports a stored snapshot that cannot be read.
var errCorrupt = errors.New("ranking: snapshot data is corrupt")

type writer struct{ b []byte }

func (w *writer) int(v int64)    { w.b = binary.AppendVarint(w.b, v) }
func (w *writer) count(n int)    { w.b = binary.AppendUvarint(w.b, uint64(n)) }
func (w *writer) bytes(p []byte) { w.count(len(p)); w.b = append(w.b, p...) }

type reader struct {
	b   []byte
	err error
}

func (r *reader) int() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errCorrupt
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a length that must fit into the remaining bytes (each element takes at least
// one byte per column), so corrupt data cannot make the reader allocate without bound.
func (r *reader) count() int {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > uint64(len(r.b)) {
		r.err = errCorrupt
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *reader) bytes() []byte {
	n := r.count()
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

// writeTable writes len(rows) and then each column of the rows.
func writeTable[T any](w *writer, cols []column[T], rows []T) {
	w.count(len(rows))
	for _, c := range cols {
		var prev int64
		for i := range rows {
			v := c.get(&rows[i])
			if c.delta {
				v, prev = v-prev, v
			}
			w.int(v)
		}
	}
}

// readTable reads what writeTable wrote.
func readTable[T any](r *reader, cols []column[T]) []T {
	rows := make([]T, r.count())
	for _, c := range cols {
		var prev int64
		for i := range rows {
			v := r.int()
			if c.delta {
				v += prev
				prev = v
			}
			c.set(&rows[i], v)
		}
	}
	return rows
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func f64(v float64) int64 { return int64(math.Float64bits(v)) }

func fromF64(v int64) float64 { return math.Float64frombits(uint64(v)) }

// policyColumns cover everything of a policy but the KdU caps, which are a list.
var policyColumns = []column[matching.Policy]{
	{get: func(p *matching.Policy) int64 { return int64(p.Version) }, set: func(p *matching.Policy, v int64) { p.Version = int(v) }},
	{get: func(p *matching.Policy) int64 { return f64(p.Weights.Urgency) }, set: func(p *matching.Policy, v int64) { p.Weights.Urgency = fromF64(v) }},
	{get: func(p *matching.Policy) int64 { return f64(p.Weights.Certificate) }, set: func(p *matching.Policy, v int64) { p.Weights.Certificate = fromF64(v) }},
	{get: func(p *matching.Policy) int64 { return f64(p.Weights.Accompaniment) }, set: func(p *matching.Policy, v int64) { p.Weights.Accompaniment = fromF64(v) }},
	{get: func(p *matching.Policy) int64 { return f64(p.Weights.WaitingTime) }, set: func(p *matching.Policy, v int64) { p.Weights.WaitingTime = fromF64(v) }},
	{get: func(p *matching.Policy) int64 { return f64(p.Weights.PreferredDistrict) }, set: func(p *matching.Policy, v int64) { p.Weights.PreferredDistrict = fromF64(v) }},
	{get: func(p *matching.Policy) int64 { return f64(p.Weights.SizeFit) }, set: func(p *matching.Policy, v int64) { p.Weights.SizeFit = fromF64(v) }},
	{get: func(p *matching.Policy) int64 { return f64(p.Weights.RentHeadroom) }, set: func(p *matching.Policy, v int64) { p.Weights.RentHeadroom = fromF64(v) }},
	{get: func(p *matching.Policy) int64 { return p.Limits.KdUExtraPersonCents }, set: func(p *matching.Policy, v int64) { p.Limits.KdUExtraPersonCents = v }},
	{get: func(p *matching.Policy) int64 { return p.Limits.AreaFirstPersonCenti }, set: func(p *matching.Policy, v int64) { p.Limits.AreaFirstPersonCenti = v }},
	{get: func(p *matching.Policy) int64 { return p.Limits.AreaFurtherPersonCenti }, set: func(p *matching.Policy, v int64) { p.Limits.AreaFurtherPersonCenti = v }},
	{get: func(p *matching.Policy) int64 { return p.Limits.MinAreaPerPersonCenti }, set: func(p *matching.Policy, v int64) { p.Limits.MinAreaPerPersonCenti = v }},
}

var capColumns = []column[int64]{{get: func(c *int64) int64 { return *c }, set: func(c *int64, v int64) { *c = v }}}

var vacancyColumns = []column[matching.Vacancy]{
	{get: func(v *matching.Vacancy) int64 { return v.ID }, set: func(v *matching.Vacancy, x int64) { v.ID = x }},
	{get: func(v *matching.Vacancy) int64 { return v.AreaCenti }, set: func(v *matching.Vacancy, x int64) { v.AreaCenti = x }},
	{get: func(v *matching.Vacancy) int64 { return v.NetColdCents }, set: func(v *matching.Vacancy, x int64) { v.NetColdCents = x }},
	{get: func(v *matching.Vacancy) int64 { return v.ServiceChargesCents }, set: func(v *matching.Vacancy, x int64) { v.ServiceChargesCents = x }},
	{get: func(v *matching.Vacancy) int64 { return int64(v.Floor) }, set: func(v *matching.Vacancy, x int64) { v.Floor = int(x) }},
	{get: func(v *matching.Vacancy) int64 { return int64(v.RoomsHalf) }, set: func(v *matching.Vacancy, x int64) { v.RoomsHalf = int(x) }},
	{get: func(v *matching.Vacancy) int64 { return int64(v.MaxOccupants) }, set: func(v *matching.Vacancy, x int64) { v.MaxOccupants = int(x) }},
	{get: func(v *matching.Vacancy) int64 { return int64(v.Places) }, set: func(v *matching.Vacancy, x int64) { v.Places = int(x) }},
	{get: func(v *matching.Vacancy) int64 { return int64(v.AvailableFrom) }, set: func(v *matching.Vacancy, x int64) { v.AvailableFrom = matching.Date(x) }},
	{get: func(v *matching.Vacancy) int64 { return int64(v.Borough) }, set: func(v *matching.Vacancy, x int64) { v.Borough = matching.Borough(x) }},
	{get: func(v *matching.Vacancy) int64 { return int64(v.Restriction) }, set: func(v *matching.Vacancy, x int64) { v.Restriction = matching.Restriction(x) }},
	{get: func(v *matching.Vacancy) int64 { return int64(v.Accepts) }, set: func(v *matching.Vacancy, x int64) { v.Accepts = matching.Track(x) }},
	{get: func(v *matching.Vacancy) int64 { return b2i(v.Elevator) }, set: func(v *matching.Vacancy, x int64) { v.Elevator = x != 0 }},
	{get: func(v *matching.Vacancy) int64 { return b2i(v.StepFree) }, set: func(v *matching.Vacancy, x int64) { v.StepFree = x != 0 }},
	{get: func(v *matching.Vacancy) int64 { return b2i(v.Wheelchair) }, set: func(v *matching.Vacancy, x int64) { v.Wheelchair = x != 0 }},
	{get: func(v *matching.Vacancy) int64 { return b2i(v.WBSRequired) }, set: func(v *matching.Vacancy, x int64) { v.WBSRequired = x != 0 }},
	{get: func(v *matching.Vacancy) int64 { return b2i(v.PetsAllowed) }, set: func(v *matching.Vacancy, x int64) { v.PetsAllowed = x != 0 }},
}

// householdColumns cover every field of matching.Household but Declined, which is a list.
var householdColumns = []column[matching.Household]{
	{get: func(h *matching.Household) int64 { return h.ID }, set: func(h *matching.Household, v int64) { h.ID = v }, delta: true},
	{get: func(h *matching.Household) int64 { return int64(h.Lottery) }, set: func(h *matching.Household, v int64) { h.Lottery = uint64(v) }},
	{get: func(h *matching.Household) int64 { return h.ActiveMatchVacancyID }, set: func(h *matching.Household, v int64) { h.ActiveMatchVacancyID = v }},
	{get: func(h *matching.Household) int64 { return int64(h.PausedUntil) }, set: func(h *matching.Household, v int64) { h.PausedUntil = matching.Date(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.CertificateOn) }, set: func(h *matching.Household, v int64) { h.CertificateOn = matching.Date(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.AccompanimentFrom) }, set: func(h *matching.Household, v int64) { h.AccompanimentFrom = matching.Date(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.AccompanimentUntil) }, set: func(h *matching.Household, v int64) { h.AccompanimentUntil = matching.Date(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.WBSValidUntil) }, set: func(h *matching.Household, v int64) { h.WBSValidUntil = matching.Date(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.EarliestMoveIn) }, set: func(h *matching.Household, v int64) { h.EarliestMoveIn = matching.Date(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.RegisteredOn) }, set: func(h *matching.Household, v int64) { h.RegisteredOn = matching.Date(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.Persons) }, set: func(h *matching.Household, v int64) { h.Persons = int16(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.WBSPersons) }, set: func(h *matching.Household, v int64) { h.WBSPersons = int16(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.Status) }, set: func(h *matching.Household, v int64) { h.Status = matching.Status(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.FocusGroup) }, set: func(h *matching.Household, v int64) { h.FocusGroup = matching.FocusGroup(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.Benefit) }, set: func(h *matching.Household, v int64) { h.Benefit = matching.Benefit(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.Urgency) }, set: func(h *matching.Household, v int64) { h.Urgency = int8(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.Preferred) }, set: func(h *matching.Household, v int64) { h.Preferred = matching.BoroughSet(v) }},
	{get: func(h *matching.Household) int64 { return int64(h.Excluded) }, set: func(h *matching.Household, v int64) { h.Excluded = matching.BoroughSet(v) }},
	{get: func(h *matching.Household) int64 { return b2i(h.FachstelleCase) }, set: func(h *matching.Household, v int64) { h.FachstelleCase = v != 0 }},
	{get: func(h *matching.Household) int64 { return b2i(h.AllFemale) }, set: func(h *matching.Household, v int64) { h.AllFemale = v != 0 }},
	{get: func(h *matching.Household) int64 { return b2i(h.NeedsWheelchair) }, set: func(h *matching.Household, v int64) { h.NeedsWheelchair = v != 0 }},
	{get: func(h *matching.Household) int64 { return b2i(h.NeedsStepFree) }, set: func(h *matching.Household, v int64) { h.NeedsStepFree = v != 0 }},
	{get: func(h *matching.Household) int64 { return b2i(h.HasPets) }, set: func(h *matching.Household, v int64) { h.HasPets = v != 0 }},
	{get: func(h *matching.Household) int64 { return int64(len(h.Declined)) }, set: func(h *matching.Household, v int64) {
		if v > 0 {
			h.Declined = make([]int64, v)
		}
	}},
}

// candidateColumns store a candidate's position in the inputs and its score; its rank is its
// position in the order.
var candidateColumns = []column[matching.Candidate]{
	{get: func(c *matching.Candidate) int64 { return int64(c.Index) }, set: func(c *matching.Candidate, v int64) { c.Index = int32(v) }},
	{get: func(c *matching.Candidate) int64 { return int64(c.Score) }, set: func(c *matching.Candidate, v int64) { c.Score = matching.Points(v) }, delta: true},
}

var excludedColumns = []column[matching.Excluded]{
	{get: func(e *matching.Excluded) int64 { return int64(e.Index) }, set: func(e *matching.Excluded, v int64) { e.Index = int32(v) }, delta: true},
	{get: func(e *matching.Excluded) int64 { return int64(e.Reasons) }, set: func(e *matching.Excluded, v int64) { e.Reasons = matching.ReasonSet(v) }},
}

// appendInputs writes the inputs section.
func appendInputs(w *writer, s *Snapshot) {
	writeTable(w, policyColumns, []matching.Policy{s.Policy})
	writeTable(w, capColumns, s.Policy.Limits.KdUCapsCents)
	w.int(int64(s.Today))
	writeTable(w, vacancyColumns, []matching.Vacancy{s.Vacancy})
	writeTable(w, householdColumns, s.Households)
	var declined []int64
	for i := range s.Households {
		declined = append(declined, s.Households[i].Declined...)
	}
	writeTable(w, capColumns, declined)
	// Weights added after format 1 was fixed follow only when set, so that a snapshot of an
	// older policy reads and re-encodes to the very bytes that were hashed.
	if s.Policy.Weights.Occupancy != 0 {
		writeTable(w, laterWeightColumns, []matching.Policy{s.Policy})
	}
}

// laterWeightColumns are the weights added after format 1: occupancy (policy version 2).
var laterWeightColumns = []column[matching.Policy]{
	{get: func(p *matching.Policy) int64 { return f64(p.Weights.Occupancy) }, set: func(p *matching.Policy, v int64) { p.Weights.Occupancy = fromF64(v) }},
}

// readInputs reads the inputs section into s.
func readInputs(r *reader, s *Snapshot) {
	policies := readTable(r, policyColumns)
	caps := readTable(r, capColumns)
	s.Today = domain.Date(r.int())
	vacancies := readTable(r, vacancyColumns)
	s.Households = readTable(r, householdColumns)
	declined := readTable(r, capColumns)
	var later []matching.Policy
	if len(r.b) > 0 {
		later = readTable(r, laterWeightColumns)
	}
	if r.err != nil || len(policies) != 1 || len(vacancies) != 1 || len(later) > 1 {
		r.err = errCorrupt
		return
	}
	s.Policy, s.Vacancy = policies[0], vacancies[0]
	if len(later) == 1 {
		s.Policy.Weights.Occupancy = later[0].Weights.Occupancy
	}
	if len(caps) > 0 {
		s.Policy.Limits.KdUCapsCents = caps
	}
	for i := range s.Households {
		h := &s.Households[i]
		if len(h.Declined) > len(declined) {
			r.err = errCorrupt
			return
		}
		copy(h.Declined, declined)
		declined = declined[len(h.Declined):]
	}
	if len(declined) != 0 {
		r.err = errCorrupt
	}
}

// appendOrder writes the order section.
func appendOrder(w *writer, res *matching.Result) {
	w.count(res.Eligible)
	writeTable(w, candidateColumns, res.Candidates)
	writeTable(w, excludedColumns, res.Excluded)
}

// readOrder reads the order section.
func readOrder(r *reader) matching.Result {
	var res matching.Result
	res.Eligible = r.count()
	res.Candidates = readTable(r, candidateColumns)
	for i := range res.Candidates {
		res.Candidates[i].Rank = int32(i + 1)
	}
	res.Excluded = readTable(r, excludedColumns)
	return res
}

// sections returns the two uncompressed sections of a snapshot.
func (s *Snapshot) sections() (inputs, order []byte) {
	var in, out writer
	appendInputs(&in, s)
	appendOrder(&out, &s.Result)
	return in.b, out.b
}

// compress writes the format byte and the deflated sections.
func compress(inputs, order []byte) ([]byte, error) {
	var w writer
	w.bytes(inputs)
	w.bytes(order)
	var buf bytes.Buffer
	buf.WriteByte(snapshotFormat)
	fw, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		return nil, fmt.Errorf("ranking: compress snapshot: %w", err)
	}
	if _, err := fw.Write(w.b); err != nil {
		return nil, fmt.Errorf("ranking: compress snapshot: %w", err)
	}
	if err := fw.Close(); err != nil {
		return nil, fmt.Errorf("ranking: compress snapshot: %w", err)
	}
	return buf.Bytes(), nil
}

// maxSnapshotBytes bounds the uncompressed size a stored snapshot may claim (far above the
// ~2 MB of 100,000 households), so corrupt data cannot exhaust memory.
const maxSnapshotBytes = 256 << 20

// decompress returns the two sections of stored data.
func decompress(data []byte) (inputs, order []byte, err error) {
	if len(data) == 0 || data[0] != snapshotFormat {
		return nil, nil, fmt.Errorf("ranking: snapshot format %v unknown", data[:min(1, len(data))])
	}
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(data[1:])), maxSnapshotBytes))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", errCorrupt, err)
	}
	r := &reader{b: raw}
	inputs, order = r.bytes(), r.bytes()
	if r.err != nil || len(r.b) != 0 {
		return nil, nil, errCorrupt
	}
	return inputs, order, nil
}
