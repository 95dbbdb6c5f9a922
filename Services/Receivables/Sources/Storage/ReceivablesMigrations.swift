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
    ]
}
