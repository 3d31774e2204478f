package api

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/web"
	"wohnbruecke/matching"
)

// The ranking resource (docs/design.md §6): GET /api/v1/vacancies/{id}/ranking pages through
// the candidates (limit, cursor) and, only when asked, the excluded households
// (excluded_limit, excluded_cursor); by default the excluded ones are counted per reason.
// German messages are built for the returned entries only, the body is written by hand into
// a pooled buffer, and the ETag (policy version, data version, day) answers a repeated
// request with 304. GET …/ranking/{household_id} explains one pair.

const (
	rankingDefaultLimit = 50
	rankingMaxLimit     = 1000
)

var errInvalidExcludedCursor = &web.Error{Status: fiber.StatusBadRequest, Code: "invalid_cursor",
	Message: "Der Parameter excluded_cursor ist ungültig. Verwenden Sie den Wert excluded_next_cursor der vorigen Seite."}

// rankCursor is the position after a candidate in the ranking's order: score, lottery
// number, household id. Keyset paging continues correctly when the ranking changed.
type rankCursor struct {
	score   matching.Points
	lottery uint64
	id      int64
}

func encodeRankCursor(c rankCursor) string {
	b := make([]byte, 0, 48)
	b = append(b, "rank:"...)
	b = strconv.AppendInt(b, int64(c.score), 10)
	b = append(b, ':')
	b = strconv.AppendUint(b, c.lottery, 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, c.id, 10)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeRankCursor(raw string) (rankCursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil {
		return rankCursor{}, errInvalidCursor
	}
	parts := strings.Split(string(b), ":")
	if len(parts) != 4 || parts[0] != "rank" {
		return rankCursor{}, errInvalidCursor
	}
	score, err1 := strconv.ParseInt(parts[1], 10, 64)
	lottery, err2 := strconv.ParseUint(parts[2], 10, 64)
	id, err3 := strconv.ParseInt(parts[3], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return rankCursor{}, errInvalidCursor
	}
	return rankCursor{matching.Points(score), lottery, id}, nil
}

// notModified reports whether the request's If-None-Match names the current entity tag
// (then it answers 304); otherwise it sets the ETag header.
func notModified(c *fiber.Ctx, etag string) bool {
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	inm := c.Get(fiber.HeaderIfNoneMatch)
	if inm == "" {
		return false
	}
	for _, t := range strings.Split(inm, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || t == etag || "W/"+t == etag {
			c.Status(fiber.StatusNotModified)
			return true
		}
	}
	return false
}

// ranking answers GET /api/v1/vacancies/{id}/ranking.
func (a *API) ranking(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	limit, err := intQuery(c, "limit", rankingDefaultLimit, rankingMaxLimit)
	if err != nil {
		return err
	}
	if limit == 0 {
		return &web.Error{Status: fiber.StatusBadRequest, Code: "invalid_query",
			Message: "Der Parameter limit muss eine ganze Zahl von 1 bis " + strconv.Itoa(rankingMaxLimit) + " sein."}
	}
	exLimit, err := intQuery(c, "excluded_limit", 0, rankingMaxLimit)
	if err != nil {
		return err
	}
	var after *rankCursor
	if raw := c.Query("cursor"); raw != "" {
		rc, err := decodeRankCursor(raw)
		if err != nil {
			return err
		}
		after = &rc
	}
	exAfter := int64(0)
	if raw := c.Query("excluded_cursor"); raw != "" {
		b, err := base64.RawURLEncoding.DecodeString(raw)
		k, n, ok := strings.Cut(string(b), ":")
		if err != nil || !ok || k != "excluded" {
			return errInvalidExcludedCursor
		}
		if exAfter, err = strconv.ParseInt(n, 10, 64); err != nil || exAfter < 0 {
			return errInvalidExcludedCursor
		}
	}
	r, err := a.rank.Ranked(c.UserContext(), id)
	if err != nil {
		return err
	}
	if notModified(c, r.ETag()) {
		return nil
	}
	buf := getBuf()
	defer putBuf(buf)
	*buf = appendRanking(*buf, r, limit, after, exLimit, exAfter)
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	c.Response().SetBody(*buf) // copies into the response's own buffer
	return nil
}

// appendRanking writes the ranking page as JSON (schema Ranking).
func appendRanking(b []byte, r *ranking.Ranked, limit int, after *rankCursor, exLimit int, exAfter int64) []byte {
	res := &r.Result
	b = append(b, '{')
	b = appendKey(b, "vacancy_id")
	b = appendInt(b, r.Vacancy.ID)
	b = append(b, ',')
	b = appendKey(b, "policy_version")
	b = appendInt(b, int64(res.PolicyVersion))
	b = append(b, ',')
	b = appendKey(b, "eligible")
	b = appendInt(b, int64(res.Eligible))
	b = append(b, ',')
	b = appendKey(b, "excluded_count")
	b = appendInt(b, int64(len(res.Excluded)))
	b = append(b, ',')
	b = appendKey(b, "excluded_by_reason")
	b = append(b, '{')
	for i, code := range ranking.ReasonCodes() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendKey(b, code.String())
		b = appendInt(b, int64(r.ByReason[i]))
	}
	b = append(b, "},"...)

	start := 0
	if after != nil {
		start = r.CandidatesAfter(after.score, after.lottery, after.id)
	}
	end := min(start+limit, len(res.Candidates))
	b = appendKey(b, "candidates")
	b = append(b, '[')
	ex := r.Explainer()
	for i := start; i < end; i++ {
		if i > start {
			b = append(b, ',')
		}
		b = appendCandidate(b, r, ex, res.Candidates[i])
	}
	b = append(b, "],"...)
	b = appendKey(b, "next_cursor")
	if end < len(res.Candidates) && end > start {
		last := res.Candidates[end-1]
		h := &r.Households[last.Index]
		b = appendString(b, encodeRankCursor(rankCursor{last.Score, h.Lottery, h.ID}))
	} else {
		b = append(b, "null"...)
	}
	b = append(b, ',')

	b = appendKey(b, "excluded")
	b = append(b, '[')
	exStart, exEnd := 0, 0
	if exLimit > 0 {
		exStart = r.ExcludedAfter(exAfter)
		exEnd = min(exStart+exLimit, len(res.Excluded))
	}
	for i := exStart; i < exEnd; i++ {
		if i > exStart {
			b = append(b, ',')
		}
		b = appendExcluded(b, r, res.Excluded[i])
	}
	b = append(b, "],"...)
	b = appendKey(b, "excluded_next_cursor")
	if exLimit > 0 && exEnd < len(res.Excluded) && exEnd > exStart {
		b = appendNullableString(b, encodeCursor("excluded", r.Households[res.Excluded[exEnd-1].Index].ID))
	} else {
		b = append(b, "null"...)
	}
	return append(b, '}')
}

// pointsHundredths rounds a fixed-point score to hundredths of a point, half away from zero.
func pointsHundredths(p matching.Points) int64 {
	const unit = matching.PointsPerPoint / 100
	if p < 0 {
		return -int64((-p + unit/2) / unit)
	}
	return int64((p + unit/2) / unit)
}

// valueTenThousandths rounds a component value (units of 1/ValueScale) to 1/10,000.
func valueTenThousandths(v uint32) int64 {
	return int64((uint64(v)*10000 + matching.ValueScale/2) / matching.ValueScale)
}

func appendCandidate(b []byte, r *ranking.Ranked, ex *matching.Explainer, cand matching.Candidate) []byte {
	h := &r.Households[cand.Index]
	b = append(b, '{')
	b = appendKey(b, "household_id")
	b = appendInt(b, h.ID)
	b = append(b, ',')
	b = appendKey(b, "household_reference")
	b = appendString(b, r.Rows[cand.Index].Reference)
	b = append(b, ',')
	b = appendKey(b, "lottery_number")
	b = append(b, '"')
	b = strconv.AppendUint(b, h.Lottery, 10)
	b = append(b, "\","...)
	b = appendKey(b, "rank")
	b = appendInt(b, int64(cand.Rank))
	b = append(b, ',')
	b = appendKey(b, "score")
	b = appendFixed(b, pointsHundredths(cand.Score), 2)
	b = append(b, ',')
	b = appendKey(b, "components")
	b = appendComponents(b, ex.Breakdown(h))
	return append(b, '}')
}

func appendComponents(b []byte, bd matching.Breakdown) []byte {
	b = append(b, '{')
	for i, cs := range bd.Components {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendKey(b, cs.Component.Code())
		b = append(b, '{')
		b = appendKey(b, "value")
		b = appendFixed(b, valueTenThousandths(bd.Values[cs.Component]), 4)
		b = append(b, ',')
		b = appendKey(b, "weight")
		b = appendFixed(b, weightHundredths(cs.Weight), 2)
		b = append(b, ',')
		b = appendKey(b, "points")
		b = appendFixed(b, pointsHundredths(cs.Contribution), 2)
		b = append(b, '}')
	}
	return append(b, '}')
}

// weightHundredths returns a weight (in steps of 0.01) in hundredths.
func weightHundredths(w float64) int64 {
	if w < 0 {
		return -int64(-w*100 + 0.5)
	}
	return int64(w*100 + 0.5)
}

func appendExcluded(b []byte, r *ranking.Ranked, e matching.Excluded) []byte {
	b = append(b, '{')
	b = appendKey(b, "household_id")
	b = appendInt(b, r.Households[e.Index].ID)
	b = append(b, ',')
	b = appendKey(b, "household_reference")
	b = appendString(b, r.Rows[e.Index].Reference)
	b = append(b, ',')
	b = appendKey(b, "reasons")
	b = append(b, '[')
	for i, reason := range r.Explain(e) {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		b = appendKey(b, "code")
		b = appendString(b, reason.Code.String())
		b = append(b, ',')
		b = appendKey(b, "message")
		b = appendString(b, reason.Message)
		b = append(b, '}')
	}
	b = append(b, "]}"...)
	return b
}
