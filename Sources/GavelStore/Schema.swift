internal import GRDB

/// The store's versioned, append-only migrations. A released migration is never edited:
/// a schema change is a new entry, so every `gavel.db` in the field upgrades the same way.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-keywords-facts-imports") { db in
            try db.execute(
                sql: """
                    CREATE TABLE keywords (
                        id INTEGER PRIMARY KEY,
                        account TEXT NOT NULL,
                        campaign TEXT NOT NULL,
                        ad_group TEXT NOT NULL,
                        text TEXT NOT NULL,
                        match_type TEXT NOT NULL CHECK (match_type IN ('broad', 'phrase', 'exact')),
                        max_cpc_micros INTEGER,
                        quality_score INTEGER CHECK (quality_score BETWEEN 1 AND 10),
                        status TEXT,
                        platform_keyword_id TEXT,
                        platform_ad_group_id TEXT,
                        automated_bid_strategy TEXT,
                        attributes_as_of INTEGER,
                        UNIQUE (account, campaign, ad_group, text, match_type)
                    );
                    -- One row per keyword × period × device. A period is one day for daily reports, or the
                    -- report's whole range for reports without a Day column (never spread into invented days).
                    CREATE TABLE facts (
                        keyword_id INTEGER NOT NULL REFERENCES keywords(id),
                        first_day INTEGER NOT NULL,
                        last_day INTEGER NOT NULL,
                        -- 0 all (not segmented), 1 desktop, 2 mobile, 3 tablet, 4 tv, 5 other: see DeviceCode.
                        device INTEGER NOT NULL,
                        impressions INTEGER NOT NULL,
                        clicks INTEGER NOT NULL,
                        cost_micros INTEGER NOT NULL,
                        conversions REAL NOT NULL,
                        conversion_value_micros INTEGER NOT NULL,
                        top_impression_rate REAL,
                        absolute_top_impression_rate REAL,
                        search_impression_share REAL,
                        search_top_impression_share REAL,
                        click_share REAL,
                        -- The max CPC in effect on the period, where the source says (bid landscapes need it).
                        max_cpc_micros INTEGER,
                        PRIMARY KEY (keyword_id, first_day, last_day, device)
                    ) WITHOUT ROWID;
                    CREATE TABLE imports (
                        id INTEGER PRIMARY KEY,
                        source TEXT NOT NULL,
                        format TEXT NOT NULL,
                        imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                        records INTEGER NOT NULL,
                        first_day INTEGER,
                        last_day INTEGER
                    );
                    -- Ground truth of generated markets: what the estimators and optimisers are scored against.
                    CREATE TABLE market_truth (
                        keyword_id INTEGER PRIMARY KEY REFERENCES keywords(id),
                        seed INTEGER NOT NULL,
                        true_cvr REAL NOT NULL,
                        value_per_conversion_micros INTEGER NOT NULL,
                        position1_ctr REAL NOT NULL,
                        daily_queries REAL NOT NULL,
                        competitor_bid_micros INTEGER NOT NULL,
                        quality_score INTEGER NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v2-bid-runs") { db in
            try db.execute(
                sql: """
                    -- Every bid run, applied or not, so bid history is auditable and reproducible.
                    CREATE TABLE bid_runs (
                        id INTEGER PRIMARY KEY,
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                        as_of INTEGER NOT NULL,
                        rule_file TEXT NOT NULL,
                        rule_hash TEXT NOT NULL,
                        rule_set TEXT NOT NULL,
                        strategy TEXT NOT NULL,
                        forced INTEGER NOT NULL,
                        applied INTEGER NOT NULL,
                        -- Digest of every change below: equal digests mean the run reproduced an earlier one.
                        changes_digest TEXT NOT NULL,
                        summary TEXT NOT NULL
                    );
                    CREATE TABLE bid_changes (
                        run_id INTEGER NOT NULL REFERENCES bid_runs(id) ON DELETE CASCADE,
                        keyword_id INTEGER NOT NULL REFERENCES keywords(id),
                        action TEXT NOT NULL,
                        old_bid_micros INTEGER,
                        new_bid_micros INTEGER,
                        estimated_cvr REAL,
                        trace TEXT NOT NULL,
                        PRIMARY KEY (run_id, keyword_id)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v3-bid-simulations") { db in
            try db.execute(
                sql: """
                    -- The platforms' bid simulators (Google's ad_group_criterion_simulation, Microsoft's bid
                    -- landscape): one row per simulated bid, totals over first_day..last_day. A keyword keeps one
                    -- simulation per date range; a newer import of the same range replaces its points.
                    CREATE TABLE bid_simulation_points (
                        keyword_id INTEGER NOT NULL REFERENCES keywords(id),
                        first_day INTEGER NOT NULL,
                        last_day INTEGER NOT NULL CHECK (last_day >= first_day),
                        bid_micros INTEGER NOT NULL CHECK (bid_micros > 0),
                        clicks REAL NOT NULL CHECK (clicks >= 0),
                        cost_micros INTEGER NOT NULL CHECK (cost_micros >= 0),
                        impressions REAL NOT NULL CHECK (impressions >= 0),
                        PRIMARY KEY (keyword_id, first_day, last_day, bid_micros)
                    ) WITHOUT ROWID;
                    -- Simulation files name keywords by the platform's ids.
                    CREATE INDEX keywords_by_platform_ids ON keywords (platform_ad_group_id, platform_keyword_id);
                    """)
        }
        return migrator
    }
}
