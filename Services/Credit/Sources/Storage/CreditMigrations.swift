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
        // The latest kam.receivables.open-items.v1 snapshot per client (highest version wins).
        Migration(104, "open_items", [
            """
            CREATE TABLE open_items (
                client_id   text PRIMARY KEY,
                version     bigint NOT NULL,
                doc         jsonb NOT NULL,
                received_at timestamptz NOT NULL)
            """,
        ]),
        // clients.credit_limit stays the limit in force; the ERP's and the head's are kept apart.
        Migration(105, "credit_limits", [
            "ALTER TABLE clients ADD COLUMN erp_credit_limit bigint, ADD COLUMN manual_credit_limit bigint",
            "UPDATE clients SET erp_credit_limit = credit_limit",
            """
            CREATE TABLE credit_limit_history (
                id         bigserial PRIMARY KEY,
                client_id  text NOT NULL,
                old_limit  bigint,
                new_limit  bigint NOT NULL,
                source     text NOT NULL CHECK (source IN ('erp', 'manual')),
                changed_by text NOT NULL,
                reason     text NOT NULL,
                changed_at timestamptz NOT NULL)
            """,
            "CREATE INDEX credit_limit_history_client ON credit_limit_history (client_id, id)",
        ]),
        // The head's decision on a credit hold; one per order.
        Migration(106, "hold_decisions", [
            """
            CREATE TABLE hold_decisions (
                order_id     text PRIMARY KEY,
                client_id    text NOT NULL,
                outcome      text NOT NULL CHECK (outcome IN ('approved', 'rejected')),
                decided_by   text NOT NULL,
                comment      text,
                exposure     bigint NOT NULL,
                credit_limit bigint NOT NULL,
                decided_at   timestamptz NOT NULL)
            """,
            "CREATE INDEX credit_checks_held ON credit_checks (decided_at, order_id) WHERE outcome = 'held'",
        ]),
        // Each client's position as running totals: summing the ledger and the open orders on
        // every check grew with the client's history. Statement-level triggers keep them, so
        // every writer (an older build during a rollout too) moves them by what it changed: a
        // resent document or a repeated end changes no row, so it moves nothing.
        // `credit_orders.invoiced` is what was invoiced against an order so far; a client's open
        // orders are the sum of GREATEST(total - invoiced, 0) over its open orders.
        Migration(107, "client_positions", [
            "ALTER TABLE credit_orders ADD COLUMN invoiced bigint NOT NULL DEFAULT 0",
            """
            UPDATE credit_orders o SET invoiced = i.amount
            FROM (SELECT order_id, sum(amount) AS amount FROM ledger WHERE kind = 'invoice' AND order_id IS NOT NULL GROUP BY order_id) i
            WHERE o.order_id = i.order_id
            """,
            """
            CREATE TABLE client_positions (
                client_id   text PRIMARY KEY,
                balance     bigint NOT NULL DEFAULT 0,
                open_orders bigint NOT NULL DEFAULT 0)
            """,
            """
            INSERT INTO client_positions (client_id, balance, open_orders)
            SELECT client_id, sum(balance), sum(open_orders) FROM (
                SELECT client_id, sum(CASE kind WHEN 'invoice' THEN amount ELSE -amount END) AS balance, 0 AS open_orders
                FROM ledger GROUP BY client_id
                UNION ALL
                SELECT client_id, 0, sum(GREATEST(total - invoiced, 0)) FROM credit_orders WHERE status = 'open' GROUP BY client_id) t
            GROUP BY client_id
            """,
            // New documents: the balance, and the invoiced amount of the orders they name (whose
            // trigger then moves the open orders).
            """
            CREATE FUNCTION positions_after_ledger() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
              INSERT INTO client_positions AS p (client_id, balance)
              SELECT client_id, sum(CASE kind WHEN 'invoice' THEN amount ELSE -amount END) FROM added GROUP BY client_id
              ON CONFLICT (client_id) DO UPDATE SET balance = p.balance + EXCLUDED.balance;
              UPDATE credit_orders o
              SET invoiced = o.invoiced + (SELECT sum(a.amount) FROM added a WHERE a.kind = 'invoice' AND a.order_id = o.order_id)
              WHERE o.order_id = ANY (ARRAY(SELECT DISTINCT order_id FROM added WHERE kind = 'invoice' AND order_id IS NOT NULL));
              RETURN NULL;
            END $$
            """,
            "CREATE TRIGGER positions AFTER INSERT ON ledger REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION positions_after_ledger()",
            // New orders: what was invoiced before they were recorded, then their reservations.
            """
            CREATE FUNCTION positions_after_orders_added() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            DECLARE r record;
            BEGIN
              INSERT INTO client_positions AS p (client_id, open_orders)
              SELECT client_id, sum(GREATEST(total - invoiced, 0)) FROM added WHERE status = 'open' GROUP BY client_id
              ON CONFLICT (client_id) DO UPDATE SET open_orders = p.open_orders + EXCLUDED.open_orders;
              -- Rare (an invoice before the approval), so one update each; probes, never a join
              -- that could be planned as a scan of the whole ledger.
              FOR r IN SELECT a.order_id, a.invoiced, (SELECT sum(l.amount) FROM ledger l WHERE l.kind = 'invoice' AND l.order_id = a.order_id) AS amount
                       FROM added a LOOP
                IF r.amount IS NOT NULL AND r.amount <> r.invoiced THEN
                  UPDATE credit_orders SET invoiced = r.amount WHERE order_id = r.order_id;
                END IF;
              END LOOP;
              RETURN NULL;
            END $$
            """,
            "CREATE TRIGGER positions_added AFTER INSERT ON credit_orders REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION positions_after_orders_added()",
            // Changed orders (ended, invoiced): the difference of what they reserve.
            """
            CREATE FUNCTION positions_after_orders_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
              INSERT INTO client_positions AS p (client_id, open_orders)
              SELECT client_id, sum(delta) FROM (
                SELECT a.client_id, CASE WHEN a.status = 'open' THEN GREATEST(a.total - a.invoiced, 0) ELSE 0 END
                                  - CASE WHEN b.status = 'open' THEN GREATEST(b.total - b.invoiced, 0) ELSE 0 END AS delta
                FROM after_rows a JOIN before_rows b ON b.order_id = a.order_id) d
              GROUP BY client_id HAVING sum(delta) <> 0
              ON CONFLICT (client_id) DO UPDATE SET open_orders = p.open_orders + EXCLUDED.open_orders;
              RETURN NULL;
            END $$
            """,
            """
            CREATE TRIGGER positions_changed AFTER UPDATE ON credit_orders REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
            FOR EACH STATEMENT EXECUTE FUNCTION positions_after_orders_changed()
            """,
        ]),
    ]
}
