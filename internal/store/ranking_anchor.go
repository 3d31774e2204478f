package store

import (
	"context"
	"errors"
	"fmt"

	"wohnbruecke/internal/domain"
)

// The one-query ranking: the benchmark anchor of the ranking endpoint (docs/design.md §6,
// internal/ranking/anchor_test.go). PostgreSQL applies all twelve hard rules of
// docs/design.md §4 and computes the same exact fixed-point score as the engine
// (matching/score.go) in one statement over households, members and matches, and returns
// the number of eligible households and the best ones. It is not used by the application:
// it keeps the comparison "the engine with its cache against the database doing it all"
// honest and repeatable.

// AnchorPolicy is the policy of the anchor query: the quantized weights (hundredths, as
// the engine multiplies them) and the limits, and the day the rules are applied on.
type AnchorPolicy struct {
	Today                                                               domain.Date
	WUrgency, WCertificate, WAccompaniment, WWaiting, WPreferred        int64
	WSizeFit, WRentHeadroom, WOccupancy                                 int64
	KdUCapsCents                                                        []int64
	KdUExtraPersonCents                                                 int64
	AreaFirstPersonCenti, AreaFurtherPersonCenti, MinAreaPerPersonCenti int64
}

// AnchorCandidate is one eligible household of the anchor query with its exact score
// (matching.Points).
type AnchorCandidate struct {
	HouseholdID int64
	Score       int64
	Eligible    int // the number of eligible households (the same on every row)
}

// anchorSQL: v is the flat, h the rankable households with their size n (at least 1), f
// the facts the rules read, r the rules' outcome, s the component values of the eligible.
// Values are in units of 1/2^24 (matching.ValueScale); ratio(lo, hi) = floor(2^24·lo/hi).
const anchorSQL = `
WITH v AS (
	SELECT id, borough, floor, elevator, step_free, wheelchair, CAST(rooms_half AS bigint) AS rooms_half, CAST(area_centi_m2 AS bigint) AS area,
		net_cold_rent_cents + service_charges_cents AS rent, GREATEST(available_from, CAST(@today AS date)) AS wbs_day,
		wbs_required, pets_allowed, CAST(COALESCE(max_occupants, 0) AS bigint) AS max_occ, CAST(GREATEST(places, 1) AS bigint) AS places, restriction,
		accepts_certificate, accepts_accompaniment, accepts_fachstelle
	FROM vacancies WHERE id = @vacancy
), m AS (
	SELECT household_id, COUNT(*) AS persons, SUM(CASE WHEN sex <> 'f' THEN 1 ELSE 0 END) AS not_female
	FROM household_members GROUP BY household_id
), mx AS (
	SELECT household_id, bool_or(state IN @active AND vacancy_id <> @vacancy) AS other_offer,
		bool_or(state IN @declined AND vacancy_id = @vacancy) AS declined
	FROM matches WHERE state IN @active OR state IN @declined GROUP BY household_id
), f AS (
	SELECT h.id, h.lottery_number,
		GREATEST(COALESCE(m.persons, 0), 1) AS n,
		COALESCE(m.not_female = 0, false) AS all_female,
		h.certificate_passed_on IS NOT NULL AS cert,
		(h.accompaniment_from IS NOT NULL AND h.accompaniment_from <= CAST(@today AS date)
			AND (h.accompaniment_until IS NULL OR CAST(@today AS date) <= h.accompaniment_until)) AS acc,
		h.fachstelle_case AS fach,
		h.benefit IN ('sgb2', 'sgb12') AS bound,
		CASE h.status WHEN 'active' THEN h.paused_until IS NULL OR h.paused_until <= CAST(@today AS date)
			WHEN 'paused' THEN h.paused_until IS NOT NULL AND h.paused_until <= CAST(@today AS date) ELSE false END AS active,
		h.wbs_valid_until, COALESCE(h.wbs_persons, 0) AS wbs_persons, h.focus_group,
		h.needs_wheelchair, h.needs_step_free, h.has_pets, h.urgency,
		(',' || h.excluded_boroughs || ',') LIKE ('%,' || v.borough || ',%') AS excludes,
		(',' || h.preferred_boroughs || ',') LIKE ('%,' || v.borough || ',%') AS prefers,
		LEAST(GREATEST(CAST(@today AS date) - h.registered_on, 0), 65536)::bigint AS wait_days,
		COALESCE(mx.other_offer, false) AS other_offer, COALESCE(mx.declined, false) AS declined
	FROM households h CROSS JOIN v LEFT JOIN m ON m.household_id = h.id LEFT JOIN mx ON mx.household_id = h.id
	WHERE h.status IN ('active', 'paused')
), c AS (
	SELECT f.*, CASE WHEN f.n <= cardinality(k.caps) THEN k.caps[f.n]
		ELSE k.caps[cardinality(k.caps)] + (f.n - cardinality(k.caps)) * CAST(@extra AS bigint) END AS cap
	FROM f CROSS JOIN (SELECT CAST(@caps AS bigint[]) AS caps) k
), r AS (
	SELECT c.*, v.area, v.rooms_half, v.rent, v.places FROM c CROSS JOIN v
	WHERE NOT (
		NOT ((v.accepts_certificate AND c.cert) OR (v.accepts_accompaniment AND c.acc) OR (v.accepts_fachstelle AND c.fach))
		OR NOT c.active
		OR c.other_offer
		OR c.declined
		OR v.area < CAST(@minarea AS bigint) * c.n * v.places OR (v.max_occ > 0 AND c.n > v.max_occ)
		OR (c.bound AND v.rent > c.cap)
		OR (v.wbs_required AND (c.wbs_valid_until IS NULL OR c.wbs_valid_until < v.wbs_day OR c.wbs_persons < c.n))
		OR (c.needs_wheelchair AND NOT v.wheelchair)
		OR (c.needs_step_free AND NOT (v.step_free OR v.wheelchair OR v.elevator OR v.floor = 0))
		OR (c.has_pets AND NOT v.pets_allowed)
		OR (v.restriction = 'women_only' AND NOT c.all_female) OR (v.restriction = 'senior_wg' AND c.focus_group <> 'senior_care')
		OR c.excludes)
), s AS (
	SELECT r.id, r.lottery_number,
		(CASE r.urgency WHEN 1 THEN 16777216::bigint WHEN 2 THEN 12582912::bigint WHEN 3 THEN 8388608::bigint WHEN 4 THEN 4194304::bigint ELSE 0 END)::bigint AS urgency,
		(CASE WHEN r.cert THEN 16777216::bigint ELSE 0 END)::bigint AS certificate,
		(CASE WHEN r.acc THEN 16777216::bigint ELSE 0 END)::bigint AS accompaniment,
		(16711680::bigint * r.wait_days / (r.wait_days + 365) + r.wait_days) AS waiting,
		(CASE WHEN r.prefers THEN 16777216::bigint ELSE 0 END)::bigint AS preferred,
		r.area, r.rooms_half, r.rent, r.cap, r.n, r.places,
		CAST(@first AS bigint) + (r.n - 1) * CAST(@further AS bigint) AS want
	FROM r
), t AS (
	SELECT s.*,
		CASE WHEN s.rooms_half <= 0 THEN a.v ELSE (a.v + rr.v) / 2 END AS size_fit,
		CASE WHEN s.cap <= 0 OR s.rent >= s.cap THEN 0 WHEN s.rent <= 0 THEN 16777216::bigint ELSE 16777216::bigint * (s.cap - s.rent) / s.cap END AS headroom,
		CASE WHEN (s.rooms_half > 0 AND (2 * s.n - 2) * s.places > s.rooms_half)
			OR (s.n >= 2 AND s.area < (CAST(@first AS bigint) + (s.n - 2) * CAST(@further AS bigint)) * s.places) THEN 0 ELSE 16777216::bigint END AS occupancy
	FROM s
	CROSS JOIN LATERAL (SELECT CASE WHEN s.area >= s.want THEN CASE WHEN s.area = s.want THEN 16777216::bigint ELSE 16777216::bigint * s.want / s.area END
		ELSE 16777216::bigint * s.area / s.want END AS v) a
	CROSS JOIN LATERAL (SELECT CASE WHEN s.rooms_half >= 2 * s.n THEN CASE WHEN s.rooms_half = 2 * s.n THEN 16777216::bigint ELSE 16777216::bigint * (2 * s.n) / s.rooms_half END
		ELSE 16777216::bigint * s.rooms_half / (2 * s.n) END AS v) rr
)
SELECT id AS household_id,
	CAST(@wu AS bigint) * urgency + CAST(@wc AS bigint) * certificate + CAST(@wa AS bigint) * accompaniment + CAST(@ww AS bigint) * waiting + CAST(@wp AS bigint) * preferred
		+ CAST(@ws AS bigint) * size_fit + CAST(@wr AS bigint) * headroom + CAST(@wo AS bigint) * occupancy AS score,
	COUNT(*) OVER () AS eligible
FROM t
ORDER BY score DESC, lottery_number, id
LIMIT @limit`

// RankingBySQL runs the one-query ranking of a vacancy (PostgreSQL only) and returns the
// best limit eligible households with their scores; each row carries the eligible count.
func (s *Store) RankingBySQL(ctx context.Context, vacancyID int64, p AnchorPolicy, limit int) ([]AnchorCandidate, error) {
	if s.dialect != "postgres" {
		return nil, errors.New("store: the one-query ranking needs PostgreSQL")
	}
	if len(p.KdUCapsCents) == 0 {
		return nil, errors.New("store: the one-query ranking needs KdU caps")
	}
	args := map[string]any{
		"vacancy": vacancyID, "today": p.Today, "active": domain.ActiveMatchStates, "declined": domain.DeclinedMatchStates,
		"caps": pgArray(p.KdUCapsCents), "extra": p.KdUExtraPersonCents, "minarea": p.MinAreaPerPersonCenti,
		"first": p.AreaFirstPersonCenti, "further": p.AreaFurtherPersonCenti,
		"wu": p.WUrgency, "wc": p.WCertificate, "wa": p.WAccompaniment, "ww": p.WWaiting, "wp": p.WPreferred,
		"ws": p.WSizeFit, "wr": p.WRentHeadroom, "wo": p.WOccupancy, "limit": limit,
	}
	var out []AnchorCandidate
	if err := s.q(ctx).Raw(anchorSQL, args).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("store: one-query ranking: %w", err)
	}
	return out, nil
}

// pgArray writes a PostgreSQL array literal, e.g. {41000,49000}.
func pgArray(xs []int64) string {
	b := []byte{'{'}
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, "%d", x)
	}
	return string(append(b, '}'))
}
