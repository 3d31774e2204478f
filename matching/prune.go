package matching

import "slices"

// Allocate's pair evaluation, pruned. Most of what decides whether a household passes the
// hard rules for a vacancy does not depend on the vacancy at all (status and pause, tracks,
// needs, size, benefit, focus group), and the score splits into a household part (urgency,
// certificate, accompaniment, waiting time) and a vacancy part by household size, plus the
// preferred district. So the households are read once: those that can never pass (not
// active) are dropped, the others are grouped into classes of equal rule inputs, and for each
// vacancy a whole class is decided by one look-up in the vacancy's tables (the same tables
// evalBlock uses, so the outcome is the same). Only the members of passing classes are
// visited, for the few rules that need their own facts (the excluded Stadtbezirk and the
// WBS, a declined list). A household with an active match can pass only for the vacancy of
// that match, so it is evaluated for that vacancy alone; one of a size outside the size table
// goes through evalBlock for every vacancy, as before.

// classKey packs a household's rule inputs that do not depend on the vacancy: the rule flags
// without flagExcludesBorough (bits 0–7), the size table index (8–12), benefit-bound (13) and
// focus group senior_care (14).
type classKey uint16

const (
	classSizeShift  = numRuleFlags
	classBoundBit   = 1 << (classSizeShift + sizeTableBits)
	classSeniorBit  = classBoundBit << 1
	numClassKeys    = classSeniorBit << 1
	classFlagsMask  = 1<<numRuleFlags - 1
	classSizeMask   = sizeTableLen - 1
	classNoBoroughs = classFlagsMask &^ classKey(flagExcludesBorough)
)

// member is a household of a class, with what the per-household rules and the score need.
type member struct {
	base     [2]int64 // the household's part of the score without, with the preferred district
	col      int32    // the household's column (position in ID order)
	wbsUntil Date     // WBSValidUntil if the WBS covers the household's persons, else 0
	declined int32    // 0, or 1 + the index of the household's declined list in householdClasses.declined
	excluded BoroughSet
	pref     BoroughSet
}

// class is a run of members with one classKey.
type class struct {
	key    classKey
	lo, hi int32 // members[lo:hi]
}

// householdClasses is the vacancy-independent part of Allocate's pair evaluation.
type householdClasses struct {
	members  []member
	classes  []class
	declined [][]int64
	// The households evalBlock decides: for each vacancy (sizes outside the size table), and
	// for the vacancy of their active match alone.
	rare          rareHouseholds
	rareByVacancy map[int64]*rareHouseholds
}

// rareHouseholds are households for evalBlock, contiguous, with their columns.
type rareHouseholds struct {
	hs   []Household
	cols []int32
}

func (r *rareHouseholds) add(h *Household, c int) {
	r.hs = append(r.hs, *h)
	r.cols = append(r.cols, int32(c))
}

// edges adds the pairs of the households that pass the rules for sc's vacancy to e.
func (r *rareHouseholds) edges(sc *scorer, e *edgeSink, buf *[evalBlockLen]evalOut) {
	for b := 0; b < len(r.hs); b += evalBlockLen {
		blk := r.hs[b:min(b+evalBlockLen, len(r.hs))]
		sc.evalBlock(blk, buf[:])
		for j := range blk {
			if buf[j].r == 0 {
				e.add(r.cols[b+j], buf[j].score)
			}
		}
	}
}

// newHouseholdClasses reads the households (hs[order[c]] is column c) once.
func newHouseholdClasses(hs []Household, order []int32, p *Policy, today Date, waitTab []uint32) *householdClasses {
	ws := newPairScorer(&Vacancy{}, p, today) // the weights and the score flag table
	ws.waitTab = waitTab
	wWait := ws.w[ComponentWaitingTime]
	hc := &householdClasses{rareByVacancy: map[int64]*rareHouseholds{}}
	keys := make([]classKey, 0, len(hs))
	members := make([]member, 0, len(hs))
	var count [numClassKeys]int32
	for c, i := range order {
		h := &hs[i]
		if !h.Active(today) {
			continue // household_inactive, whatever the vacancy
		}
		if id := h.ActiveMatchVacancyID; id != 0 {
			r := hc.rareByVacancy[id]
			if r == nil {
				r = &rareHouseholds{}
				hc.rareByVacancy[id] = r
			}
			r.add(h, c)
			continue
		}
		si := sizeIndex(h.Persons)
		if si > personsTable {
			hc.rare.add(h, c)
			continue
		}
		bound := b2u(uint8(h.Benefit)-uint8(BenefitSGB2) <= uint8(BenefitSGB12-BenefitSGB2))
		acc := b2u(h.AccompanimentActive(today))
		cert := b2u(h.CertificateOn != 0)
		f := cert*uint16(flagCertificate) | acc*uint16(flagAccompaniment) |
			b2u(h.FachstelleCase)*uint16(flagFachstelle) | b2u(h.NeedsWheelchair)*uint16(flagNeedsWheelchair) |
			b2u(h.NeedsStepFree)*uint16(flagNeedsStepFree) | b2u(h.HasPets)*uint16(flagHasPets) |
			b2u(h.AllFemale)*uint16(flagAllFemale)
		key := classKey(f) | classKey(si)<<classSizeShift | classKey(bound)*classBoundBit |
			classKey(b2u(h.FocusGroup == FocusSeniorCare))*classSeniorBit
		// The score flag index as scoresWith builds it, without the preferred district.
		u := uint16(uint8(h.Urgency))
		flags := u*b2u(u <= 4)<<scoreShiftUrgency | cert<<scoreShiftCertificate | acc<<scoreShiftAccompaniment
		wait := wWait * int64(ws.waitingValue(waitingDays(h, today)))
		m := member{col: int32(c), excluded: h.Excluded, pref: h.Preferred}
		m.base[0] = ws.flagged[flags] + wait
		m.base[1] = ws.flagged[flags|1<<scoreShiftPreferred] + wait
		if len(h.Declined) > 0 {
			hc.declined = append(hc.declined, h.Declined)
			m.declined = int32(len(hc.declined))
		}
		if h.WBSValidUntil != 0 && h.WBSPersons >= max(h.Persons, 1) {
			m.wbsUntil = h.WBSValidUntil
		}
		keys = append(keys, key)
		members = append(members, m)
		count[key]++
	}
	// Group the members by class (a counting sort, so each class keeps column order).
	var start [numClassKeys]int32
	var sum int32
	for k := range count {
		start[k] = sum
		if count[k] > 0 {
			hc.classes = append(hc.classes, class{key: classKey(k), lo: sum, hi: sum + count[k]})
		}
		sum += count[k]
	}
	hc.members = make([]member, len(members))
	for j, k := range keys {
		hc.members[start[k]] = members[j]
		start[k]++
	}
	return hc
}

// edgeSink collects the eligible pairs of one vacancy as sort records: the keyer's key of
// the score above the column (see graphPacking), so that ordering the records orders by
// descending score, then column.
type edgeSink struct {
	kf      keyer
	colBits uint
	keys    []uint64
}

func (e *edgeSink) add(c int32, score Points) {
	e.keys = append(e.keys, e.kf.key(score)<<(e.colBits&63)|uint64(c))
}

// edges adds the eligible pairs of the vacancy of sc to e.
func (hc *householdClasses) edges(sc *scorer, e *edgeSink, buf *[evalBlockLen]evalOut) {
	borough := sc.borough
	var restricted classKey // the class bit whose absence fails a Senioren-WG
	if sc.seniorWG != 0 {
		restricted = classSeniorBit
	}
	wbs, day, id := sc.wbsRequired != 0, sc.wbsDay, sc.id
	for _, cl := range hc.classes {
		k := cl.key
		sz := &sc.sizes[k>>classSizeShift&classSizeMask]
		r := sc.flagReasons[k&classNoBoroughs] | sz.reasons | sz.kdu*uint16(b2u(k&classBoundBit != 0))
		if r != 0 || k&restricted != restricted {
			continue
		}
		contrib := sz.contrib
		ms := hc.members[cl.lo:cl.hi]
		if wbs {
			for j := range ms {
				m := &ms[j]
				if m.excluded&borough == 0 && m.wbsUntil != 0 && m.wbsUntil >= day && !hc.hasDeclined(m, id) {
					e.add(m.col, Points(m.base[b2u(m.pref&borough != 0)]+contrib))
				}
			}
			continue
		}
		for j := range ms {
			m := &ms[j]
			if m.excluded&borough == 0 && !hc.hasDeclined(m, id) {
				e.add(m.col, Points(m.base[b2u(m.pref&borough != 0)]+contrib))
			}
		}
	}
	hc.rare.edges(sc, e, buf)
	if r := hc.rareByVacancy[id]; r != nil {
		r.edges(sc, e, buf)
	}
}

// hasDeclined reports whether the member declined (or was rejected for) the vacancy id.
func (hc *householdClasses) hasDeclined(m *member, id int64) bool {
	return m.declined != 0 && slices.Contains(hc.declined[m.declined-1], id)
}
