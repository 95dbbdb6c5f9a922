import ServiceKit

/// The console's own schema: who may sign in, their sessions and failed attempts. No
/// business data lives here; pages read and act through the four services' HTTP APIs.
enum ConsoleMigrations {
    static let all: [Migration] = [
        Migration(100, "users", [
            """
            CREATE TABLE users (
                login         text        PRIMARY KEY,
                display_name  text        NOT NULL,
                role          text        NOT NULL CHECK (role IN ('kam', 'head', 'ops')),
                kam_id        text,
                password_hash text        NOT NULL,
                disabled      boolean     NOT NULL DEFAULT false,
                created_at    timestamptz NOT NULL DEFAULT now(),
                CHECK (role <> 'kam' OR kam_id IS NOT NULL))
            """,
        ]),
        Migration(101, "sessions", [
            // The cookie holds a random token; only its SHA-256 is stored.
            """
            CREATE TABLE sessions (
                token_hash text        PRIMARY KEY,
                login      text        NOT NULL REFERENCES users ON DELETE CASCADE,
                csrf       text        NOT NULL,
                language   text        NOT NULL DEFAULT 'ru',
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL)
            """,
            "CREATE INDEX sessions_expiry ON sessions (expires_at)",
            """
            CREATE TABLE sign_in_failures (
                login text        NOT NULL,
                at    timestamptz NOT NULL)
            """,
            "CREATE INDEX sign_in_failures_login ON sign_in_failures (login, at)",
        ]),
    ]
}
