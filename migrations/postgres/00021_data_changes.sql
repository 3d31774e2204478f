-- +goose Up
-- Every write to what the ranking reads (households, their members, matches, vacancies,
-- policies, settings) adds a row here, by trigger, so that writes from outside the
-- application (psql, a restore, another service) are noticed too. MAX(seq) is the data
-- version of the ranking caches and of the ranking's ETag; the household ids after a
-- cached version say which candidates to read again (0: no household, e.g. a vacancy;
-- -1: all of them).
--
-- The rows are written by deferred constraint triggers, at commit, under one transaction
-- advisory lock: so seq grows in commit order, and a reader that sees seq n has seen every
-- change numbered below n (a plain sequence would let a transaction that took a lower
-- number commit later, unseen). The lock is the last one a transaction takes, so it adds
-- no lock cycle. On SQLite the database's write lock gives the same order.
-- Old rows are pruned by the janitor; a cache older than what is kept reloads fully.
CREATE TABLE data_changes (
    seq           BIGSERIAL PRIMARY KEY,
    household_id  BIGINT NOT NULL
);

-- +goose StatementBegin
CREATE FUNCTION data_change_household() RETURNS trigger AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(21, 1);
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO data_changes (household_id) VALUES (OLD.id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO data_changes (household_id) VALUES (NEW.id);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION data_change_of_household() RETURNS trigger AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(21, 1);
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO data_changes (household_id) VALUES (OLD.household_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO data_changes (household_id) VALUES (NEW.household_id);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION data_change_other() RETURNS trigger AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(21, 1);
    INSERT INTO data_changes (household_id) VALUES (0);
    RETURN NULL;
END $$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION data_change_all() RETURNS trigger AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(21, 1);
    INSERT INTO data_changes (household_id) VALUES (-1);
    RETURN NULL;
END $$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE CONSTRAINT TRIGGER households_data_change AFTER INSERT OR UPDATE OR DELETE ON households
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_change_household();
CREATE CONSTRAINT TRIGGER household_members_data_change AFTER INSERT OR UPDATE OR DELETE ON household_members
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_change_of_household();
CREATE CONSTRAINT TRIGGER matches_data_change AFTER INSERT OR UPDATE OR DELETE ON matches
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_change_of_household();
CREATE CONSTRAINT TRIGGER vacancies_data_change AFTER INSERT OR UPDATE OR DELETE ON vacancies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_change_other();
CREATE CONSTRAINT TRIGGER policies_data_change AFTER INSERT OR UPDATE OR DELETE ON policies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_change_other();
CREATE CONSTRAINT TRIGGER settings_data_change AFTER INSERT OR UPDATE OR DELETE ON settings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_change_other();
-- TRUNCATE fires no row triggers; it counts as a change of every household (-1: reload all).
CREATE TRIGGER households_data_truncate AFTER TRUNCATE ON households
    FOR EACH STATEMENT EXECUTE FUNCTION data_change_all();
CREATE TRIGGER household_members_data_truncate AFTER TRUNCATE ON household_members
    FOR EACH STATEMENT EXECUTE FUNCTION data_change_all();
CREATE TRIGGER matches_data_truncate AFTER TRUNCATE ON matches
    FOR EACH STATEMENT EXECUTE FUNCTION data_change_all();

-- +goose Down
DROP TRIGGER matches_data_truncate ON matches;
DROP TRIGGER household_members_data_truncate ON household_members;
DROP TRIGGER households_data_truncate ON households;
DROP TRIGGER settings_data_change ON settings;
DROP TRIGGER policies_data_change ON policies;
DROP TRIGGER vacancies_data_change ON vacancies;
DROP TRIGGER matches_data_change ON matches;
DROP TRIGGER household_members_data_change ON household_members;
DROP TRIGGER households_data_change ON households;
DROP FUNCTION data_change_all();
DROP FUNCTION data_change_other();
DROP FUNCTION data_change_of_household();
DROP FUNCTION data_change_household();
DROP TABLE data_changes;
