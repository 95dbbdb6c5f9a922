import ServiceKit

enum ReceivablesMigrations {
    static let all: [Migration] = [
        Migration(100, "clients", [
            """
            CREATE TABLE clients (
                client_id   text PRIMARY KEY,
                kam_id      text NOT NULL,
                occurred_at timestamptz NOT NULL)
            """,
        ]),
        Migration(101, "documents", [
            """
            CREATE TABLE documents (
                kind      text NOT NULL CHECK (kind IN ('invoice', 'payment', 'credit_note')),
                doc_id    text NOT NULL,
                client_id text NOT NULL,
                doc_date  date NOT NULL,
                doc       jsonb NOT NULL,
                PRIMARY KEY (kind, doc_id))
            """,
            "CREATE INDEX documents_client ON documents (client_id, doc_date)",
        ]),
        // The version of the last open-items snapshot published per client (kam.receivables.open-items.v1).
        Migration(102, "open_items_versions", [
            """
            CREATE TABLE open_items_versions (
                client_id text PRIMARY KEY,
                version   bigint NOT NULL)
            """,
        ]),
        // The incremental ledger: each client's allocation state, kept up to date as documents
        // arrive. Existing clients are marked stale and rebuilt from their documents by the
        // service (LedgerRebuilder); until then they are read by replaying their documents.
        Migration(103, "ledger_state", [
            """
            CREATE TABLE ledgers (
                client_id        text PRIMARY KEY,
                unapplied_credit bigint NOT NULL DEFAULT 0,
                last_date        date,
                last_rank        smallint,
                last_id          text,
                allocation_count integer NOT NULL DEFAULT 0,
                stale            boolean NOT NULL DEFAULT false)
            """,
            "CREATE INDEX ledgers_stale ON ledgers (client_id) WHERE stale",
            """
            CREATE TABLE invoice_balances (
                client_id   text NOT NULL,
                invoice_id  text NOT NULL,
                order_id    text,
                amount      bigint NOT NULL,
                issued_on   date NOT NULL,
                due_date    date NOT NULL,
                outstanding bigint NOT NULL CHECK (outstanding >= 0),
                settled_on  date,
                PRIMARY KEY (client_id, invoice_id))
            """,
            // Ageing, dunning and the worklist read open invoices only.
            "CREATE INDEX invoice_balances_open ON invoice_balances (client_id, due_date) INCLUDE (outstanding) WHERE outstanding > 0",
            """
            CREATE TABLE allocations (
                client_id   text NOT NULL,
                seq         integer NOT NULL,
                applied_on  date NOT NULL,
                source_kind text NOT NULL CHECK (source_kind IN ('payment', 'credit_note', 'credit_balance')),
                source_id   text,
                invoice_id  text,
                amount      bigint NOT NULL CHECK (amount > 0),
                PRIMARY KEY (client_id, seq))
            """,
            "INSERT INTO ledgers (client_id, stale) SELECT DISTINCT client_id, true FROM documents",
        ]),
        // Dunning: each client's level, the notices issued, and the runs (a daily run is claimed
        // once per date, whichever instance comes first).
        Migration(104, "dunning", [
            """
            CREATE TABLE dunning_levels (
                client_id    text PRIMARY KEY,
                level        integer NOT NULL CHECK (level >= 0),
                episode      integer NOT NULL CHECK (episode >= 1),
                evaluated_on date NOT NULL)
            """,
            """
            CREATE TABLE dunning_runs (
                id           bigserial PRIMARY KEY,
                as_of        date NOT NULL,
                trigger      text NOT NULL CHECK (trigger IN ('daily', 'manual')),
                requested_by text NOT NULL,
                started_at   timestamptz NOT NULL,
                notices      integer NOT NULL DEFAULT 0,
                resets       integer NOT NULL DEFAULT 0)
            """,
            "CREATE UNIQUE INDEX dunning_runs_daily ON dunning_runs (as_of) WHERE trigger = 'daily'",
            """
            CREATE TABLE dunning_notices (
                client_id     text NOT NULL,
                episode       integer NOT NULL,
                level         integer NOT NULL CHECK (level >= 1),
                kam_id        text NOT NULL,
                as_of         date NOT NULL,
                total_overdue bigint NOT NULL,
                invoices      jsonb NOT NULL,
                run_id        bigint NOT NULL REFERENCES dunning_runs (id),
                issued_at     timestamptz NOT NULL,
                PRIMARY KEY (client_id, episode, level))
            """,
            "CREATE INDEX dunning_notices_issued ON dunning_notices (issued_at DESC, client_id)",
        ]),
    ]
}
