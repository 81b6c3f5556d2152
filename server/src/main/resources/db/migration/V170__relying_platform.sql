-- Relying platforms (issue 13 item 2; R-USE-1..3): the sites an employer signs in to with its certificate through
-- OrgCert's OpenID Connect provider, one row per registered OIDC client. The provider reads them through
-- platform.PlatformClients; only the bureau's administrator changes them (platform.RelyingPlatforms, audited).
-- A confidential client's secret is kept only as the PasswordEncoder's hash ("{bcrypt}$2…"); a public client
-- ('none') has none. PKCE is required of every client, so a public client is safe for a platform without a
-- back end of its own.
CREATE TABLE relying_platform (
    client_id                 TEXT PRIMARY KEY CHECK (client_id ~ '^[a-z0-9-]{3,40}$'),
    name                      TEXT NOT NULL CHECK (length(btrim(name)) > 0 AND length(name) <= 100),
    redirect_uris             TEXT[] NOT NULL CHECK (cardinality(redirect_uris) BETWEEN 1 AND 10),
    post_logout_redirect_uris TEXT[] NOT NULL CHECK (cardinality(post_logout_redirect_uris) <= 10),
    backchannel_logout_uri    TEXT,
    -- openid always: a sign-in without an ID token names nobody.
    scopes                    TEXT[] NOT NULL CHECK (scopes <@ ARRAY['openid', 'employer', 'certificate']::TEXT[]
                                  AND 'openid' = ANY (scopes)),
    require_consent           BOOLEAN NOT NULL,
    client_authentication     TEXT NOT NULL CHECK (client_authentication IN ('client_secret_basic', 'none')),
    client_secret_hash        TEXT CHECK (client_secret_hash LIKE '{%}%'),
    secret_set_at             TIMESTAMPTZ,
    enabled                   BOOLEAN NOT NULL,
    created_at                TIMESTAMPTZ NOT NULL,
    updated_at                TIMESTAMPTZ NOT NULL,
    version                   BIGINT NOT NULL,
    -- A confidential client has a secret, a public one none.
    CHECK ((client_authentication = 'none') = (client_secret_hash IS NULL)),
    CHECK ((client_secret_hash IS NULL) = (secret_set_at IS NULL))
);
