-- The service's database role may add audit records but never change one (issue 12, afterMigrate.sql): the
-- chainer numbers and hashes committed records through this function, which fills in records not yet
-- chained and nothing else. It runs with its owner's rights (SECURITY DEFINER), so the service role needs no
-- UPDATE on audit_record; prevs and hashes are hex.
CREATE FUNCTION audit_link(ids BIGINT[], seqs BIGINT[], prevs TEXT[], hashes TEXT[]) RETURNS INTEGER
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH linked AS (
        UPDATE audit_record a SET seq = v.seq, prev_hash = decode(v.prev, 'hex'), hash = decode(v.hash, 'hex')
          FROM unnest(ids, seqs, prevs, hashes) AS v(id, seq, prev, hash)
         WHERE a.id = v.id AND a.seq IS NULL
        RETURNING 1)
    SELECT count(*)::INTEGER FROM linked
$$;
REVOKE ALL ON FUNCTION audit_link(BIGINT[], BIGINT[], TEXT[], TEXT[]) FROM PUBLIC;
