-- Which programmes each commit touched, written by the database itself whoever commits (this
-- window, a sync, the command line, another window): the lead's cohort overview reads
-- again only the programmes changed since it last read, instead of the whole Trust. Only
-- the tables the overview reads are followed; "*" means every programme (a framework's
-- competencies changed, someone was renamed). The oldest entries are dropped as
-- new ones come: an overview older than what is kept is read whole.
CREATE TABLE cohort_changes (
    seq          INTEGER PRIMARY KEY,
    programme_id TEXT NOT NULL
) STRICT;

CREATE TRIGGER progress_cohort_insert AFTER INSERT ON progress BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
END;
CREATE TRIGGER progress_cohort_update AFTER UPDATE ON progress BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
    INSERT INTO cohort_changes(programme_id) SELECT OLD.programme_id WHERE OLD.programme_id <> NEW.programme_id;
END;
CREATE TRIGGER progress_cohort_delete AFTER DELETE ON progress BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (OLD.programme_id);
END;
CREATE TRIGGER meetings_cohort_insert AFTER INSERT ON meetings BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
END;
CREATE TRIGGER meetings_cohort_update AFTER UPDATE ON meetings BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
    INSERT INTO cohort_changes(programme_id) SELECT OLD.programme_id WHERE OLD.programme_id <> NEW.programme_id;
END;
CREATE TRIGGER meetings_cohort_delete AFTER DELETE ON meetings BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (OLD.programme_id);
END;
CREATE TRIGGER actions_cohort_insert AFTER INSERT ON actions BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
END;
CREATE TRIGGER actions_cohort_update AFTER UPDATE ON actions BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
    INSERT INTO cohort_changes(programme_id) SELECT OLD.programme_id WHERE OLD.programme_id <> NEW.programme_id;
END;
CREATE TRIGGER actions_cohort_delete AFTER DELETE ON actions BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (OLD.programme_id);
END;
CREATE TRIGGER goals_cohort_insert AFTER INSERT ON goals BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
END;
CREATE TRIGGER goals_cohort_update AFTER UPDATE ON goals BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
    INSERT INTO cohort_changes(programme_id) SELECT OLD.programme_id WHERE OLD.programme_id <> NEW.programme_id;
END;
CREATE TRIGGER goals_cohort_delete AFTER DELETE ON goals BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (OLD.programme_id);
END;
CREATE TRIGGER career_conversations_cohort_insert AFTER INSERT ON career_conversations BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
END;
CREATE TRIGGER career_conversations_cohort_update AFTER UPDATE ON career_conversations BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
    INSERT INTO cohort_changes(programme_id) SELECT OLD.programme_id WHERE OLD.programme_id <> NEW.programme_id;
END;
CREATE TRIGGER career_conversations_cohort_delete AFTER DELETE ON career_conversations BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (OLD.programme_id);
END;
CREATE TRIGGER confirmations_cohort_insert AFTER INSERT ON confirmations BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
END;
CREATE TRIGGER confirmations_cohort_update AFTER UPDATE ON confirmations BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
    INSERT INTO cohort_changes(programme_id) SELECT OLD.programme_id WHERE OLD.programme_id <> NEW.programme_id;
END;
CREATE TRIGGER confirmations_cohort_delete AFTER DELETE ON confirmations BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (OLD.programme_id);
END;
CREATE TRIGGER concerns_cohort_insert AFTER INSERT ON concerns BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
END;
CREATE TRIGGER concerns_cohort_update AFTER UPDATE ON concerns BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.programme_id);
    INSERT INTO cohort_changes(programme_id) SELECT OLD.programme_id WHERE OLD.programme_id <> NEW.programme_id;
END;
CREATE TRIGGER concerns_cohort_delete AFTER DELETE ON concerns BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (OLD.programme_id);
END;
CREATE TRIGGER programmes_cohort_insert AFTER INSERT ON programmes BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.id);
END;
CREATE TRIGGER programmes_cohort_update AFTER UPDATE ON programmes BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (NEW.id);
END;
CREATE TRIGGER programmes_cohort_delete AFTER DELETE ON programmes BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (OLD.id);
END;
CREATE TRIGGER training_cohort_insert AFTER INSERT ON training BEGIN
    INSERT INTO cohort_changes(programme_id) SELECT id FROM programmes WHERE preceptee_id = NEW.user_id;
END;
CREATE TRIGGER training_cohort_update AFTER UPDATE ON training BEGIN
    INSERT INTO cohort_changes(programme_id) SELECT id FROM programmes WHERE preceptee_id = NEW.user_id;
    INSERT INTO cohort_changes(programme_id) SELECT id FROM programmes WHERE preceptee_id = OLD.user_id AND OLD.user_id <> NEW.user_id;
END;
CREATE TRIGGER training_cohort_delete AFTER DELETE ON training BEGIN
    INSERT INTO cohort_changes(programme_id) SELECT id FROM programmes WHERE preceptee_id = OLD.user_id;
END;
CREATE TRIGGER competencies_cohort_insert AFTER INSERT ON competencies BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (CASE NEW.programme_id WHEN '' THEN '*' ELSE NEW.programme_id END);
END;
CREATE TRIGGER competencies_cohort_update AFTER UPDATE ON competencies BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (CASE NEW.programme_id WHEN '' THEN '*' ELSE NEW.programme_id END);
    INSERT INTO cohort_changes(programme_id) SELECT CASE OLD.programme_id WHEN '' THEN '*' ELSE OLD.programme_id END WHERE OLD.programme_id <> NEW.programme_id;
END;
CREATE TRIGGER competencies_cohort_delete AFTER DELETE ON competencies BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES (CASE OLD.programme_id WHEN '' THEN '*' ELSE OLD.programme_id END);
END;

-- Names are shown on every row: a renamed person means reading the whole cohort (rare).
CREATE TRIGGER users_cohort_rename AFTER UPDATE OF name ON users WHEN OLD.name <> NEW.name BEGIN
    INSERT INTO cohort_changes(programme_id) VALUES ('*');
END;

-- Keep the latest 20,000 entries: a reader further behind reads the whole cohort, which is
-- what so many changes would cost it anyway.
CREATE TRIGGER cohort_changes_prune AFTER INSERT ON cohort_changes WHEN NEW.seq % 1000 = 0 BEGIN
    DELETE FROM cohort_changes WHERE seq <= NEW.seq - 20000;
END;
