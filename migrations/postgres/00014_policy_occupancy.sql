-- +goose Up
-- Policy version 2, the new default: urgency first, then households that would not be cramped
-- (Belegung, matching.Cramped) before cramped ones of the same urgency. An installation that
-- ranked with the built-in version 1 so far gets that version stored first, so that proposals
-- approved under it keep their weights on record. Admin-saved versions stay; the new default
-- becomes the next version after them.
INSERT INTO policies (version, weights_json, note, created_at)
SELECT 1,
       '{"Urgency":40,"Certificate":15,"Accompaniment":15,"WaitingTime":15,"PreferredDistrict":5,"SizeFit":5,"RentHeadroom":5}',
       'Standardgewichtung (Version 1)', now()
WHERE NOT EXISTS (SELECT 1 FROM policies);

INSERT INTO policies (version, weights_json, note, created_at)
SELECT MAX(version) + 1,
       '{"Urgency":520,"Certificate":15,"Accompaniment":15,"WaitingTime":15,"PreferredDistrict":5,"SizeFit":5,"RentHeadroom":5,"Occupancy":65}',
       'Standardgewichtung: Dringlichkeit zuerst, dann nicht beengte vor beengten Haushalten', now()
FROM policies;

-- +goose Down
DELETE FROM policies WHERE note = 'Standardgewichtung: Dringlichkeit zuerst, dann nicht beengte vor beengten Haushalten';
DELETE FROM policies WHERE note = 'Standardgewichtung (Version 1)';
