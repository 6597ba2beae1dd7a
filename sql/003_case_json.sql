-- 003_case_json.sql: the API's shape of a case, defined once for list, detail, create and update.
CREATE FUNCTION case_json(c cases) RETURNS json
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN json_build_object(
        'id', c.id,
        'name', c.name,
        'status', c.status,
        'priority', c.priority,
        'case_type', c.case_type,
        'account', c.account_id,
        'contacts', COALESCE((SELECT json_agg(x.contact_id ORDER BY x.contact_id) FROM case_contacts x
                              WHERE x.case_id = c.id), '[]'::json),
        'created_on', iso_utc(c.created_on),
        'closed_on', iso_utc(c.closed_on),
        'assigned_to', COALESCE((SELECT json_agg(x.user_id ORDER BY x.user_id) FROM case_assignees x
                                 WHERE x.case_id = c.id), '[]'::json),
        'teams', COALESCE((SELECT json_agg(x.team_id ORDER BY x.team_id) FROM case_teams x
                           WHERE x.case_id = c.id), '[]'::json),
        'description', c.description,
        'created_by', c.created_by,
        'org', c.org_id,
        'updated_on', iso_utc(c.updated_on));

-- A user as other objects embed them.
CREATE FUNCTION user_json(u uuid) RETURNS json
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (SELECT json_build_object('id', x.id, 'email', x.email, 'name', x.name) FROM users x WHERE x.id = u);
