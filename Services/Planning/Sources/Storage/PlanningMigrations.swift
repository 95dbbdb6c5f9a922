import ServiceKit

enum PlanningMigrations {
    static let all: [Migration] = [
        Migration(100, "client_kams", [
            """
            CREATE TABLE client_kams (
                client_id    text NOT NULL,
                occurred_at  timestamptz NOT NULL,
                effective_on date NOT NULL,
                kam_id       text NOT NULL,
                tier         text NOT NULL,
                status       text NOT NULL,
                PRIMARY KEY (client_id, occurred_at))
            """,
            // SPEC 5.4: the KAM of the latest ClientUpserted whose business date is on or before
            // the document's date. A document older than every upsert goes to the earliest KAM known.
            """
            CREATE FUNCTION kam_at(p_client text, p_date date) RETURNS text LANGUAGE sql STABLE AS $$
              SELECT kam_id FROM (
                (SELECT kam_id, 0 AS pref, occurred_at FROM client_kams
                  WHERE client_id = p_client AND effective_on <= p_date ORDER BY occurred_at DESC LIMIT 1)
                UNION ALL
                (SELECT kam_id, 1 AS pref, occurred_at FROM client_kams
                  WHERE client_id = p_client ORDER BY occurred_at ASC LIMIT 1)
              ) k ORDER BY pref LIMIT 1
            $$
            """,
        ]),
        Migration(101, "sales_documents", [
            """
            CREATE TABLE invoices (
                invoice_id text PRIMARY KEY,
                client_id  text NOT NULL,
                order_id   text,
                amount     bigint NOT NULL,
                issued_on  date NOT NULL)
            """,
            "CREATE INDEX invoices_month ON invoices (issued_on)",
            "CREATE INDEX invoices_client ON invoices (client_id, issued_on)",
            """
            CREATE TABLE credit_notes (
                credit_note_id text PRIMARY KEY,
                client_id      text NOT NULL,
                amount         bigint NOT NULL,
                issued_on      date NOT NULL,
                reason         text NOT NULL)
            """,
            "CREATE INDEX credit_notes_month ON credit_notes (issued_on)",
        ]),
        Migration(102, "order_outcomes", [
            """
            CREATE TABLE order_outcomes (
                order_id   text NOT NULL,
                outcome    text NOT NULL CHECK (outcome IN ('held', 'rejected', 'confirmed')),
                client_id  text NOT NULL,
                decided_on date NOT NULL,
                PRIMARY KEY (order_id, outcome))
            """,
        ]),
        Migration(103, "plans", [
            """
            CREATE TABLE plans (
                kam_id                text NOT NULL,
                month                 text NOT NULL,
                turnover_target       bigint NOT NULL,
                active_clients_target int NOT NULL,
                new_clients_target    int NOT NULL,
                set_by                text NOT NULL,
                set_at                timestamptz NOT NULL,
                PRIMARY KEY (kam_id, month))
            """,
        ]),
        // Receivables' open items per client and business day (the highest version of the
        // day): today's for the contact plan, month end's for the scorecard's overdue share.
        Migration(104, "open_items", [
            """
            CREATE TABLE open_items (
                client_id     text   NOT NULL,
                as_of         date   NOT NULL,
                version       bigint NOT NULL,
                open_invoices jsonb  NOT NULL,
                PRIMARY KEY (client_id, as_of))
            """,
            "CREATE INDEX open_items_latest ON open_items (client_id, version DESC)",
        ]),
        Migration(105, "order_cancellations", [
            """
            CREATE TABLE order_cancellations (
                order_id     text PRIMARY KEY,
                client_id    text NOT NULL,
                cancelled_on date NOT NULL)
            """,
            "CREATE INDEX order_cancellations_client ON order_cancellations (client_id)",
            "CREATE INDEX order_outcomes_client ON order_outcomes (client_id)",
            "CREATE INDEX order_outcomes_day ON order_outcomes (decided_on)",
        ]),
        // The SKU lines of a credit note, where the ERP sent them (returns analysis by SKU).
        Migration(106, "credit_note_lines", [
            "ALTER TABLE credit_notes ADD COLUMN lines jsonb",
            "CREATE INDEX credit_notes_client ON credit_notes (client_id, issued_on)",
        ]),
        Migration(107, "contacts", [
            """
            CREATE TABLE contacts (
                contact_id text        PRIMARY KEY,
                kam_id     text        NOT NULL,
                client_id  text        NOT NULL,
                kind       text        NOT NULL CHECK (kind IN ('visit', 'call')),
                at         timestamptz NOT NULL,
                on_date    date        NOT NULL,
                outcome    text        NOT NULL,
                note       text,
                logged_by  text        NOT NULL,
                logged_at  timestamptz NOT NULL,
                UNIQUE (kam_id, client_id, kind, at))
            """,
            "CREATE INDEX contacts_client ON contacts (client_id, on_date)",
            "CREATE INDEX contacts_day ON contacts (on_date)",
        ]),
        // KAM attribution is a domain rule now (KamAttribution); the store only loads facts.
        Migration(108, "attribution_in_domain", [
            "DROP FUNCTION kam_at(text, date)",
        ]),
        // The client's name, for a KAM's list of its clients (null on upserts stored before).
        Migration(109, "client_names", [
            "ALTER TABLE client_kams ADD COLUMN name text",
        ]),
    ]
}
