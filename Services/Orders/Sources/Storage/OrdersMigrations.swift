import ServiceKit

enum OrdersMigrations {
    static let all: [Migration] = [
        Migration(100, "clients", [
            """
            CREATE TABLE clients (
                client_id   text PRIMARY KEY,
                kam_id      text NOT NULL,
                occurred_at timestamptz NOT NULL,
                doc         jsonb NOT NULL)
            """,
        ]),
        Migration(101, "price_lists", [
            """
            CREATE TABLE price_lists (
                price_list_id  text PRIMARY KEY,
                effective_from date NOT NULL,
                occurred_at    timestamptz NOT NULL)
            """,
            "CREATE INDEX price_lists_effective ON price_lists (effective_from DESC, occurred_at DESC)",
            """
            CREATE TABLE price_list_items (
                price_list_id text NOT NULL REFERENCES price_lists ON DELETE CASCADE,
                sku           text NOT NULL,
                prices        bigint[] NOT NULL,
                PRIMARY KEY (price_list_id, sku))
            """,
        ]),
        Migration(102, "orders", [
            """
            CREATE TABLE orders (
                order_id     text PRIMARY KEY,
                client_id    text NOT NULL,
                kam_id       text,
                status       text NOT NULL,
                stage        text NOT NULL,
                parked_until timestamptz,
                updated_at   timestamptz NOT NULL,
                doc          jsonb NOT NULL)
            """,
            "CREATE INDEX orders_client ON orders (client_id, status)",
            "CREATE INDEX orders_parked ON orders (parked_until) WHERE stage = 'parked'",
        ]),
        // GET /orders lists newest first (by when the order was placed).
        Migration(103, "orders_placed_at", [
            "ALTER TABLE orders ADD COLUMN placed_at timestamptz",
            "UPDATE orders SET placed_at = (doc->>'placedAt')::timestamptz",
            "CREATE INDEX orders_newest ON orders (placed_at DESC, order_id DESC)",
            "CREATE INDEX orders_client_newest ON orders (client_id, placed_at DESC, order_id DESC)",
        ]),
        // Master data carries the generation of the transaction that last wrote it; the counter
        // row is bumped (and so locked) by every such transaction, so generations follow commit
        // order and an instance's cache asks only for what changed since it last looked.
        Migration(104, "master_data_generation", [
            "CREATE TABLE master_data_generation (id int PRIMARY KEY CHECK (id = 1), generation bigint NOT NULL)",
            "INSERT INTO master_data_generation VALUES (1, 1)",
            "ALTER TABLE clients ADD COLUMN generation bigint NOT NULL DEFAULT 1",
            "ALTER TABLE price_lists ADD COLUMN generation bigint NOT NULL DEFAULT 1",
            "CREATE INDEX clients_generation ON clients (generation)",
            "CREATE INDEX price_lists_generation ON price_lists (generation)",
        ]),
        // An order's decision changes only columns no index covers, so PostgreSQL can update the
        // row in place (a HOT update) when its page has room: orders_client was covered by
        // orders_client_newest anyway, the parked index names the column that says "parked",
        // and pages keep 15 % free for the decision.
        Migration(105, "orders_hot_updates", [
            "DROP INDEX orders_client",
            "DROP INDEX orders_parked",
            "CREATE INDEX orders_parked ON orders (parked_until) WHERE parked_until IS NOT NULL",
            "ALTER TABLE orders SET (fillfactor = 85)",
        ]),
        // The order document is only ever stored and read whole, so it is kept as the text the
        // service wrote (json) rather than parsed into jsonb on every write and printed back on
        // every read. This rewrites the table once (about 30 s per million orders; the orders
        // service waits and retries meanwhile, docs/operations.md "Upgrading, with migrations").
        Migration(106, "orders_doc_as_written", [
            "ALTER TABLE orders ALTER COLUMN doc TYPE json USING doc::json",
        ]),
    ]
}
