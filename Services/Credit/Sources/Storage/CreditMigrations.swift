import ServiceKit

enum CreditMigrations {
    static let all: [Migration] = [
        Migration(100, "clients", [
            """
            CREATE TABLE clients (
                client_id    text PRIMARY KEY,
                kam_id       text NOT NULL,
                status       text NOT NULL,
                credit_limit bigint,
                occurred_at  timestamptz NOT NULL)
            """,
        ]),
        Migration(101, "ledger", [
            """
            CREATE TABLE ledger (
                kind      text NOT NULL CHECK (kind IN ('invoice', 'payment', 'credit_note')),
                doc_id    text NOT NULL,
                client_id text NOT NULL,
                order_id  text,
                amount    bigint NOT NULL,
                doc_date  date NOT NULL,
                PRIMARY KEY (kind, doc_id))
            """,
            "CREATE INDEX ledger_client ON ledger (client_id)",
            "CREATE INDEX ledger_order ON ledger (order_id) WHERE kind = 'invoice'",
        ]),
        Migration(102, "credit_orders", [
            """
            CREATE TABLE credit_orders (
                order_id   text PRIMARY KEY,
                client_id  text NOT NULL,
                total      bigint NOT NULL,
                status     text NOT NULL CHECK (status IN ('open', 'cancelled', 'completed')),
                updated_at timestamptz NOT NULL)
            """,
            "CREATE INDEX credit_orders_open ON credit_orders (client_id) WHERE status = 'open'",
        ]),
        Migration(103, "credit_checks", [
            """
            CREATE TABLE credit_checks (
                order_id     text PRIMARY KEY,
                client_id    text NOT NULL,
                seq          bigserial,
                request      jsonb NOT NULL,
                outcome      text CHECK (outcome IN ('approved', 'held')),
                reasons      jsonb,
                exposure     bigint,
                decided_at   timestamptz)
            """,
            "CREATE INDEX credit_checks_pending ON credit_checks (client_id, seq) WHERE outcome IS NULL",
        ]),
    ]
}
