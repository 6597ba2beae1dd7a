-- custom plan
SELECT c.status, count(*) FROM cases c WHERE c.org_id = $1 AND EXISTS (SELECT 1 FROM case_contacts fc WHERE fc.case_id = c.id AND fc.contact_id = $17) GROUP BY c.status
