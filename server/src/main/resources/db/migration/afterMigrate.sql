-- Flyway runs this after every migrate, as the schema's owner: the rights of the service's database role
-- (orgcert_service, made by the embedded server; absent on an external database, where nothing happens).
-- A rule by name, so tables that later migrations add are covered without a grant of their own:
--   tables named audit%           SELECT, INSERT only: the audit log is append-only for the service;
--   audit_chain                   also UPDATE: its one row is the chain's head, which the chainer moves
--                                 (V110; the keyed links and signed checkpoints show any other change);
--   flyway_schema_history         SELECT;
--   every other table             SELECT, INSERT, UPDATE, DELETE (never TRUNCATE, never DDL);
--   sequences                     USAGE, SELECT (and UPDATE, except the audit ones).
-- And of the administrators' read-only role (orgcert_reader, also made by the embedded server only): SELECT on
-- every table but the web sessions (spring_session%: a session id read there would sign in as its staff user),
-- and nothing else.
DO $$
DECLARE
    object RECORD;
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'orgcert_reader') THEN
        FOR object IN
            SELECT c.oid::regclass AS name, c.relname, c.relkind
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
        LOOP
            EXECUTE format('REVOKE ALL ON %s FROM orgcert_reader', object.name);
            IF object.relkind <> 'S' AND object.relname NOT LIKE 'spring\_session%' THEN
                EXECUTE format('GRANT SELECT ON %s TO orgcert_reader', object.name);
            END IF;
        END LOOP;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'orgcert_service') THEN
        RETURN;
    END IF;
    FOR object IN
        SELECT c.oid::regclass AS name, c.relname, c.relkind
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
    LOOP
        EXECUTE format('REVOKE ALL ON %s FROM orgcert_service', object.name);
        IF object.relkind = 'S' THEN
            EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO orgcert_service', object.name);
            IF object.relname NOT LIKE 'audit%' THEN
                EXECUTE format('GRANT UPDATE ON SEQUENCE %s TO orgcert_service', object.name);
            END IF;
        ELSIF object.relname = 'audit_chain' THEN
            EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %s TO orgcert_service', object.name);
        ELSIF object.relname LIKE 'audit%' THEN
            EXECUTE format('GRANT SELECT, INSERT ON %s TO orgcert_service', object.name);
        ELSIF object.relname = 'flyway_schema_history' THEN
            EXECUTE format('GRANT SELECT ON %s TO orgcert_service', object.name);
        ELSE
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO orgcert_service', object.name);
        END IF;
    END LOOP;
END $$;
