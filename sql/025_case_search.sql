-- 025_case_search.sql: full-text search. One search document per case (case_search), kept by triggers in the
-- transaction of every change to what it holds: the name (weight A), the description (B), the newest comments (C)
-- and the text of the case's attachments (D, from attachment_texts: text/* read when stored, PDFs filled by the
-- text-extraction child). Each organization picks a language (orgs.search_language); every language's
-- configuration drops accents (unaccent) and case. GIN indexes hold org_id (btree_gin) with the document and with
-- the name's trigrams, so a search reads only its organization's entries. Idempotent.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- The languages an organization can search in: casedesk_<language>, unaccent then the language's dictionary.
DO $$
DECLARE
    lang text;
    dict text;
BEGIN
    FOR lang, dict IN VALUES ('simple', 'simple'), ('english', 'english_stem'), ('german', 'german_stem'),
                             ('french', 'french_stem'), ('spanish', 'spanish_stem'), ('italian', 'italian_stem'),
                             ('portuguese', 'portuguese_stem'), ('dutch', 'dutch_stem') LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'casedesk_' || lang) THEN
            EXECUTE format('CREATE TEXT SEARCH CONFIGURATION %I (COPY = %I)', 'casedesk_' || lang, lang);
            EXECUTE format('ALTER TEXT SEARCH CONFIGURATION %I ALTER MAPPING FOR asciiword, word, numword,'
                           ' asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart'
                           ' WITH unaccent, %I', 'casedesk_' || lang, dict);
        END IF;
    END LOOP;
END
$$;

ALTER TABLE orgs ADD COLUMN IF NOT EXISTS search_language text NOT NULL DEFAULT 'simple'
    CHECK (search_language IN ('simple', 'english', 'german', 'french', 'spanish', 'italian', 'portuguese',
                               'dutch'));

-- The text search configuration of organization org (PL/pgSQL, as the functions below: their plans are kept for
-- the session, where an SQL function's query is planned at each call).
CREATE OR REPLACE FUNCTION case_search_config(org uuid) RETURNS regconfig
    LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT ('casedesk_' || o.search_language)::regconfig FROM orgs o WHERE o.id = org);
END
$$;

-- The text of an attachment blob, for search (see the file's head).
CREATE TABLE IF NOT EXISTS attachment_texts (
    org_id   uuid NOT NULL,
    sha256   bytea NOT NULL,
    state    text NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    tries    integer NOT NULL DEFAULT 0,
    next_try timestamptz NOT NULL DEFAULT now(),
    error    text,
    body     text NOT NULL DEFAULT '',
    PRIMARY KEY (org_id, sha256),
    FOREIGN KEY (org_id, sha256) REFERENCES attachment_blobs (org_id, sha256) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS attachment_texts_pending ON attachment_texts (next_try) WHERE state = 'pending';

CREATE TABLE IF NOT EXISTS case_search (
    case_id uuid PRIMARY KEY,
    org_id  uuid NOT NULL,
    doc     tsvector NOT NULL,
    FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS case_search_org_doc ON case_search USING gin (org_id, doc);

-- The name filter (a partial, case-insensitive match) reads its organization's trigrams only.
CREATE INDEX IF NOT EXISTS cases_org_name_trgm ON cases USING gin (org_id, name gin_trgm_ops);
DROP INDEX IF EXISTS cases_name_trgm;

-- What a case's search document is made of, each part cut to a length that keeps any document far below
-- tsvector's 1 MB (a character yields at most 6 bytes of it): the name, the description (up to 100,000
-- characters), the newest 50 comments (up to 50,000 characters in all) and the texts of its attachments (up to
-- 20,000). NULL when the case does not exist.
CREATE OR REPLACE FUNCTION case_search_doc(id uuid) RETURNS tsvector
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    cfg regconfig;
    name text;
    description text;
    comments text;
    texts text;
BEGIN
    SELECT ('casedesk_' || o.search_language)::regconfig, c.name, left(c.description, 100000)
    INTO cfg, name, description
    FROM cases c JOIN orgs o ON o.id = c.org_id WHERE c.id = case_search_doc.id;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    SELECT left(string_agg(m.comment, E'\n' ORDER BY m.commented_on DESC, m.id DESC), 50000) INTO comments
    FROM (SELECT cc.comment, cc.commented_on, cc.id FROM case_comments cc WHERE cc.case_id = case_search_doc.id
          ORDER BY cc.commented_on DESC, cc.id DESC LIMIT 50) m;
    SELECT left(string_agg(left(t.body, 20000), E'\n' ORDER BY a.created_on DESC, a.id DESC), 20000) INTO texts
    FROM case_attachments a
    JOIN attachment_texts t ON t.org_id = a.org_id AND t.sha256 = a.sha256 AND t.state = 'done'
    WHERE a.case_id = case_search_doc.id;
    RETURN setweight(to_tsvector(cfg, name), 'A') || setweight(to_tsvector(cfg, description), 'B')
        || setweight(to_tsvector(cfg, COALESCE(comments, '')), 'C')
        || setweight(to_tsvector(cfg, COALESCE(texts, '')), 'D');
END
$$;

-- Makes the search documents of cases ids current. Their rows are locked first, in id order, and each is then
-- read afresh: a writer that waited for another's lock sees what it committed, so concurrent changes to one case
-- leave the document of all of them (a transaction at READ COMMITTED, as every casedesk write is).
CREATE OR REPLACE FUNCTION case_search_refresh(ids uuid[]) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM case_search s WHERE s.case_id = ANY (ids) ORDER BY s.case_id FOR NO KEY UPDATE;
    UPDATE case_search s SET doc = d.doc
    FROM (SELECT x.id, case_search_doc(x.id) AS doc FROM unnest(ids) x(id)) d
    WHERE s.case_id = d.id AND d.doc IS NOT NULL AND s.doc IS DISTINCT FROM d.doc;
END
$$;

CREATE OR REPLACE FUNCTION case_search_cases_insert() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO case_search (case_id, org_id, doc)
    SELECT n.id, n.org_id, case_search_doc(n.id) FROM changed n ORDER BY n.id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION case_search_case_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM case_search_refresh(ARRAY[NEW.id]);
    RETURN NULL;
END
$$;

-- After rows of a table with a case_id column changed (comments, attachments): their cases' documents.
CREATE OR REPLACE FUNCTION case_search_parts_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM case_search_refresh(ARRAY(SELECT DISTINCT x.case_id FROM changed x));
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION case_search_comment_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM case_search_refresh(ARRAY[NEW.case_id]);
    RETURN NULL;
END
$$;

-- After an attachment's text was extracted (or failed): the documents of every case holding that blob.
CREATE OR REPLACE FUNCTION case_search_text_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM case_search_refresh(ARRAY(SELECT DISTINCT a.case_id FROM case_attachments a
                                      WHERE a.org_id = NEW.org_id AND a.sha256 = NEW.sha256));
    RETURN NULL;
END
$$;

-- A pending extraction wakes the text-extraction child.
CREATE OR REPLACE FUNCTION attachment_texts_pending_notify() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('attachment_texts', '');
    RETURN NULL;
END
$$;

-- After an organization's language changed: all its documents.
CREATE OR REPLACE FUNCTION case_search_language_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM case_search_refresh(ARRAY(SELECT s.case_id FROM case_search s WHERE s.org_id = NEW.id));
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS case_search_insert ON cases;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION case_search_cases_insert();
DROP TRIGGER IF EXISTS case_search_update ON cases;
CREATE TRIGGER case_search_update AFTER UPDATE OF name, description ON cases FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.description IS DISTINCT FROM NEW.description)
    EXECUTE FUNCTION case_search_case_update();
DROP TRIGGER IF EXISTS case_search_comments_insert ON case_comments;
CREATE TRIGGER case_search_comments_insert AFTER INSERT ON case_comments REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION case_search_parts_changed();
DROP TRIGGER IF EXISTS case_search_comments_delete ON case_comments;
CREATE TRIGGER case_search_comments_delete AFTER DELETE ON case_comments REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION case_search_parts_changed();
DROP TRIGGER IF EXISTS case_search_comments_update ON case_comments;
CREATE TRIGGER case_search_comments_update AFTER UPDATE OF comment ON case_comments FOR EACH ROW
    WHEN (OLD.comment IS DISTINCT FROM NEW.comment) EXECUTE FUNCTION case_search_comment_update();
DROP TRIGGER IF EXISTS case_search_attachments_insert ON case_attachments;
CREATE TRIGGER case_search_attachments_insert AFTER INSERT ON case_attachments REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION case_search_parts_changed();
DROP TRIGGER IF EXISTS case_search_attachments_delete ON case_attachments;
CREATE TRIGGER case_search_attachments_delete AFTER DELETE ON case_attachments REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION case_search_parts_changed();
DROP TRIGGER IF EXISTS case_search_text_update ON attachment_texts;
CREATE TRIGGER case_search_text_update AFTER UPDATE OF body, state ON attachment_texts FOR EACH ROW
    WHEN (OLD.body IS DISTINCT FROM NEW.body OR OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION case_search_text_changed();
DROP TRIGGER IF EXISTS attachment_texts_pending ON attachment_texts;
CREATE TRIGGER attachment_texts_pending AFTER INSERT OR UPDATE OF state, next_try ON attachment_texts FOR EACH ROW
    WHEN (NEW.state = 'pending') EXECUTE FUNCTION attachment_texts_pending_notify();
DROP TRIGGER IF EXISTS case_search_language ON orgs;
CREATE TRIGGER case_search_language AFTER UPDATE OF search_language ON orgs FOR EACH ROW
    WHEN (OLD.search_language IS DISTINCT FROM NEW.search_language)
    EXECUTE FUNCTION case_search_language_changed();

-- A snippet of case id where query q matches, for a list's page: from the name and description when they match,
-- else from the newest comment that matches (of the 50 the document holds), else from the attachments' text; the
-- matching words between U+0002 and U+0003 (no stored text holds control characters: the API refuses them and
-- extracted text has them replaced). NULL when the case does not exist.
CREATE OR REPLACE FUNCTION case_search_headline(id uuid, q tsquery) RETURNS text
    LANGUAGE plpgsql STABLE COST 1000 AS $$
DECLARE
    cfg regconfig;
    doc tsvector;
    base text;
    src text;
    opts constant text := 'StartSel=' || chr(2) || ', StopSel=' || chr(3)
                          || ', MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "';
BEGIN
    SELECT case_search_config(c.org_id), s.doc, c.name || E'\n' || left(c.description, 20000)
    INTO cfg, doc, base
    FROM cases c JOIN case_search s ON s.case_id = c.id WHERE c.id = case_search_headline.id;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF NOT ts_filter(doc, '{a,b}') @@ q THEN
        IF ts_filter(doc, '{c}') @@ q THEN
            SELECT left(m.comment, 20000) INTO src
            FROM (SELECT cc.comment FROM case_comments cc WHERE cc.case_id = case_search_headline.id
                  ORDER BY cc.commented_on DESC, cc.id DESC LIMIT 50) m
            WHERE to_tsvector(cfg, m.comment) @@ q LIMIT 1;
        ELSIF ts_filter(doc, '{d}') @@ q THEN
            SELECT left(t.body, 20000) INTO src
            FROM case_attachments a
            JOIN attachment_texts t ON t.org_id = a.org_id AND t.sha256 = a.sha256 AND t.state = 'done'
            WHERE a.case_id = case_search_headline.id AND to_tsvector(cfg, left(t.body, 20000)) @@ q
            ORDER BY a.created_on DESC, a.id DESC LIMIT 1;
        END IF;
    END IF;
    RETURN ts_headline(cfg, COALESCE(src, base), q, opts);
END
$$;

-- The documents of the cases that exist already.
INSERT INTO case_search (case_id, org_id, doc)
SELECT c.id, c.org_id, case_search_doc(c.id) FROM cases c
ON CONFLICT (case_id) DO NOTHING;

-- The drift check (sql/011) covers the search documents too: the checks before this one keep running as
-- read_model_drift_links(), and casedesk_read_model_drift() adds every document that differs from its sources.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'read_model_drift_links') THEN
        ALTER FUNCTION casedesk_read_model_drift() RENAME TO read_model_drift_links;
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION casedesk_read_model_drift()
    RETURNS TABLE (relation text, key text, expected text, actual text)
    LANGUAGE sql STABLE AS $$
    SELECT * FROM read_model_drift_links()
    UNION ALL
    SELECT 'case_search', 'case_id=' || COALESCE(c.id, s.case_id),
           CASE WHEN c.id IS NOT NULL THEN left(case_search_doc(c.id)::text, 200) END,
           CASE WHEN s.case_id IS NOT NULL THEN left(s.doc::text, 200) END
    FROM cases c FULL JOIN case_search s ON s.case_id = c.id
    WHERE c.id IS NULL OR s.case_id IS NULL OR s.doc IS DISTINCT FROM case_search_doc(c.id)
       OR s.org_id IS DISTINCT FROM c.org_id
$$;
