-- Signing in to relying platforms with the USB key (issue 13, docs/signin.md).

-- A challenge the provider issued; used once, within its two minutes.
CREATE TABLE signin_challenge (
    nonce        text PRIMARY KEY,
    client_id    text NOT NULL,
    origin       text NOT NULL,
    certificate  text NOT NULL,          -- SHA-256 of the certificate's DER, hex
    text         text NOT NULL,          -- the exact challenge the key must sign
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);
CREATE INDEX signin_challenge_expires ON signin_challenge (expires_at);

-- A sign-in with the key: who, with which certificate, and the assistant's presence hash that can end it.
CREATE TABLE key_signin (
    id             uuid PRIMARY KEY,
    uscc           text NOT NULL,
    employer_name  text NOT NULL,
    ca             text NOT NULL,
    serial         numeric(50) NOT NULL,
    not_after      timestamptz NOT NULL,
    hardware_key   boolean NOT NULL,
    presence_hash  text NOT NULL,
    client_id      text NOT NULL,
    created_at     timestamptz NOT NULL,
    ended_at       timestamptz,
    end_reason     text
);
CREATE INDEX key_signin_presence ON key_signin (presence_hash) WHERE ended_at IS NULL;
CREATE INDEX key_signin_serial ON key_signin (serial) WHERE ended_at IS NULL;

-- What Spring Authorization Server keeps between the authorization and the token request, and the tokens
-- it issued. Codes and access tokens are bearer secrets: only their SHA-256 is kept.
CREATE TABLE signin_authorization (
    id                     text PRIMARY KEY,
    client_id              text NOT NULL,      -- the registered client's id
    key_signin_id          uuid NOT NULL REFERENCES key_signin (id),
    scopes                 text NOT NULL,      -- the authorized scopes, space-separated
    request                text NOT NULL,      -- the authorization request's parameters (JSON, no secrets)
    state_hash             bytea UNIQUE,       -- while the employer is asked to confirm (consent)
    code_hash              bytea UNIQUE,
    code_issued_at         timestamptz,
    code_expires_at        timestamptz,
    code_invalidated       boolean NOT NULL DEFAULT false,
    access_hash            bytea UNIQUE,
    access_issued_at       timestamptz,
    access_expires_at      timestamptz,
    access_scopes          text,
    access_invalidated     boolean NOT NULL DEFAULT false,
    id_token_issued_at     timestamptz,
    id_token_issuer        text,               -- the ID token's iss, which a logout token must repeat
    created_at             timestamptz NOT NULL
);
CREATE INDEX signin_authorization_signin ON signin_authorization (key_signin_id);
