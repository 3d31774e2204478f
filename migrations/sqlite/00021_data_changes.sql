-- +goose Up
-- Every write to what the ranking reads (households, their members, matches, vacancies,
-- policies, settings) adds a row here, by trigger, so that writes from outside the
-- application (the sqlite3 shell, a restore) are noticed too. MAX(seq) is the data
-- version of the ranking caches and of the ranking's ETag; the household ids since a
-- cached version say which candidates to read again (0: no household, e.g. a vacancy).
-- Old rows are pruned by the janitor; a cache older than the oldest row reloads fully.
CREATE TABLE data_changes (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id  BIGINT NOT NULL
);

-- +goose StatementBegin
CREATE TRIGGER households_data_change_insert AFTER INSERT ON households FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER households_data_change_update AFTER UPDATE ON households FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (OLD.id);
    INSERT INTO data_changes (household_id) VALUES (NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER households_data_change_delete AFTER DELETE ON households FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (OLD.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER household_members_data_change_insert AFTER INSERT ON household_members FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (NEW.household_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER household_members_data_change_update AFTER UPDATE ON household_members FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (OLD.household_id);
    INSERT INTO data_changes (household_id) VALUES (NEW.household_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER household_members_data_change_delete AFTER DELETE ON household_members FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (OLD.household_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER matches_data_change_insert AFTER INSERT ON matches FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (NEW.household_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER matches_data_change_update AFTER UPDATE ON matches FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (OLD.household_id);
    INSERT INTO data_changes (household_id) VALUES (NEW.household_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER matches_data_change_delete AFTER DELETE ON matches FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (OLD.household_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER vacancies_data_change_insert AFTER INSERT ON vacancies FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (0);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER vacancies_data_change_update AFTER UPDATE ON vacancies FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (0);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER vacancies_data_change_delete AFTER DELETE ON vacancies FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (0);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER policies_data_change_insert AFTER INSERT ON policies FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (0);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER policies_data_change_update AFTER UPDATE ON policies FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (0);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER policies_data_change_delete AFTER DELETE ON policies FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (0);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER settings_data_change_insert AFTER INSERT ON settings FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (0);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER settings_data_change_update AFTER UPDATE ON settings FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (0);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER settings_data_change_delete AFTER DELETE ON settings FOR EACH ROW BEGIN
    INSERT INTO data_changes (household_id) VALUES (0);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER settings_data_change_delete;
DROP TRIGGER settings_data_change_update;
DROP TRIGGER settings_data_change_insert;
DROP TRIGGER policies_data_change_delete;
DROP TRIGGER policies_data_change_update;
DROP TRIGGER policies_data_change_insert;
DROP TRIGGER vacancies_data_change_delete;
DROP TRIGGER vacancies_data_change_update;
DROP TRIGGER vacancies_data_change_insert;
DROP TRIGGER matches_data_change_delete;
DROP TRIGGER matches_data_change_update;
DROP TRIGGER matches_data_change_insert;
DROP TRIGGER household_members_data_change_delete;
DROP TRIGGER household_members_data_change_update;
DROP TRIGGER household_members_data_change_insert;
DROP TRIGGER households_data_change_delete;
DROP TRIGGER households_data_change_update;
DROP TRIGGER households_data_change_insert;
DROP TABLE data_changes;
