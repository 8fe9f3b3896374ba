package io.interchange.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.ZoneId;
import java.util.Optional;

/** Settings of the hub itself ({@code interchange.*}); Quarkus' own settings stay under {@code quarkus.*}. */
@ConfigMapping(prefix = "interchange")
public interface HubConfig {

    /** Where the hub keeps its own files: embedded PostgreSQL, generated keys. */
    @WithDefault("data")
    String dataDir();

    /** Calendar dates (due dates, validity) are days in this zone. */
    @WithDefault("Asia/Shanghai")
    ZoneId timeZone();

    Catalog catalog();

    /**
     * Largest JSON command body, in bytes. The HTTP limit is sized for streamed hosted-data loads; commands are read
     * into memory, so they are held to this.
     */
    @WithDefault("1048576")
    long maxCommandBytes();

    Database database();

    EmbeddedPostgres embeddedPostgres();

    Identity identity();

    Demo demo();

    Seed seed();

    Exchange exchange();

    Access access();

    Ledger ledger();

    Secrets secrets();

    /** The key that seals secrets the hub must store but never show (upstream credentials, webhook secrets). */
    interface Secrets {
        /** Id written into every sealed value; a new id rotates the key (values under an old id stay readable). */
        @WithDefault("c1")
        String keyId();

        /** Base64 AES-256 key (32 bytes); generated once under the data directory when absent. */
        Optional<String> key();

        /** Retired keys by id, base64, so values sealed before a rotation can still be opened. */
        java.util.Map<String, String> previousKeys();
    }

    interface Database {
        /** {@code embedded} or {@code external}; decided at start-up by DatabaseConfigSourceFactory. */
        @WithDefault("external")
        String mode();
    }

    /** Read by DatabaseConfigSourceFactory before CDI exists; declared here so they are documented and validated. */
    interface EmbeddedPostgres {
        /** Start an embedded PostgreSQL when no datasource URL is configured. */
        @WithDefault("true")
        boolean enabled();

        /** 0 picks a free port at each start. */
        @WithDefault("0")
        int port();

        /** Tests turn fsync off for speed; never do that for data you keep. */
        @WithDefault("true")
        boolean fsync();

        /** Delete the embedded cluster at start (tests: each run begins from the migrations). */
        @WithDefault("false")
        boolean reset();
    }

    interface Identity {
        /** The token claim that names the caller's department id. */
        @WithDefault("department")
        String departmentClaim();
    }

    interface Demo {
        /** Set to false to refuse to start without an OIDC provider (the container image does). */
        @WithDefault("true")
        boolean enabled();

        /** Decided at start-up; never true when an OIDC provider is configured. */
        @WithDefault("false")
        boolean active();

        /** Lifetime of demo tokens, in seconds. */
        @WithDefault("3600")
        int tokenLifetime();
    }

    interface Seed {
        /** Folder with departments, demo clients, resources and calendars; loaded at start when it exists. */
        @WithDefault("catalog-seed")
        String dir();

        @WithDefault("true")
        boolean enabled();
    }

    interface Exchange {
        /** Upper bound of {@code limit} on the query API. */
        @WithDefault("500")
        int maxLimit();

        @WithDefault("50")
        int defaultLimit();

        /**
         * Ceiling of exchanges per minute for one requesting department across all its grants (per node), so one
         * department's applications cannot crowd out the others. 0 turns it off.
         */
        @WithDefault("6000")
        int departmentRatePerMinute();

        /** The per-node cache of what authorises an exchange: grants and resource definitions. */
        GrantCache grantCache();

        interface GrantCache {
            /** Off: every exchange reads its grant and resource from the database (for comparison and diagnosis). */
            @WithDefault("true")
            boolean enabled();

            /** Upper bound of cached grant look-ups, and separately of cached resources. */
            @WithDefault("10000")
            int maxEntries();

            /**
             * Longest an entry is used without re-reading it. Changes are normally dropped within milliseconds by
             * LISTEN/NOTIFY; this bounds the damage of a notice that never arrived.
             */
            @WithDefault("30s")
            java.time.Duration ttl();
        }
    }

    interface Access {
        /** Compliance report: an active grant without a usage record after this many days is reported (R25 Art. 29). */
        @WithDefault("30")
        int usageRecordDays();

        /** Compliance report: an ended grant without a disposal attestation after this many working days (R25 Art. 27). */
        @WithDefault("10")
        int disposalWorkingDays();

        /** R25 Art. 21: unconditional requests are answered within 1 working day. */
        @WithDefault("1")
        int unconditionalAnswerDays();

        /** R25 Art. 21: conditional requests are answered within 10 working days. */
        @WithDefault("10")
        int conditionalAnswerDays();

        /** Approve unconditional requests right after endorsement, as the system. */
        @WithDefault("true")
        boolean autoApproveUnconditional();

        @WithDefault("600")
        int defaultRateLimitPerMinute();

        /** R25 Art. 21: one extension of the answer period, of at most this many working days. */
        @WithDefault("10")
        int maxExtensionDays();

        /** R25 Art. 22: after approval the provider delivers within this many working days. */
        @WithDefault("20")
        int deliveryDays();

        /**
         * R25 Art. 29 / NDSR Art. 12: usage records are kept at least 3 years; a province may ask for longer, never
         * shorter (checked at start).
         */
        @WithDefault("3")
        int usageRetentionYears();

        /**
         * How often each node re-reads the working-day calendar table, so a change made through another node's API
         * arrives without a restart. Read by the scheduler as {@code ${interchange.access.calendar-refresh:60s}}.
         */
        @WithDefault("60s")
        String calendarRefresh();

        /**
         * How often grants past their valid-until are marked EXPIRED. The broker already refuses them by date; the
         * job makes the status say so. Read by the scheduler as {@code ${interchange.access.grant-expiry:10m}}.
         */
        @WithDefault("10m")
        String grantExpiry();

        /** R25 Art. 26: the handling department replies to an objection within this many working days. */
        @WithDefault("10")
        int objectionReplyDays();
    }

    interface Ledger {
        /** Id of the HMAC key used for personal values in ledger entries; recorded in each entry. */
        @WithDefault("k1")
        String hmacKeyId();

        /** Base64 HMAC key; generated once under the data directory when absent. */
        @WithName("hmac-key")
        Optional<String> hmacKey();

        /** Checkpoint origin and C2SP key name of the signing key; verifiers pin it, so change it never. */
        @WithDefault("interchange.example/ledger")
        String origin();

        /** Id of the Ed25519 checkpoint signing key; a new id rotates the key (old public keys stay listed). */
        @WithDefault("s1")
        String signingKeyId();

        /** Base64 PKCS#8 Ed25519 private key; generated once under the data directory when absent. */
        Optional<String> signingKey();

        /** How often the sealer looks for new entries; with sealing time, keeps checkpoints within 250 ms. */
        @WithDefault("100ms")
        java.time.Duration sealInterval();

        /**
         * How long a gap in entry sequence numbers may stay open before the sealer treats it as a rolled-back insert
         * and seals past it. An entry that commits later is still sealed (at the end), never dropped.
         */
        @WithDefault("2s")
        java.time.Duration sealGrace();

        /** Entries sealed per round at most. */
        @WithDefault("1000")
        int sealBatch();

        /** Run the sealer on this node (one node holds the advisory lock and seals; the others stand by). */
        @WithDefault("true")
        boolean sealerEnabled();

        /**
         * Pause sealing: exchanges still write their entries, but this node seals nothing and publishes no checkpoint,
         * and says so (readiness check "ledger sealer": {@code PAUSED}). Set it on every node to pause the hub; on
         * switching back (a restart) the sealer seals the backlog before new entries. For measuring what tamper
         * evidence costs, and for operations that must hold the tree still. Unlike {@code sealer-enabled=false} (a
         * stand-by node while another seals), a pause is reported as such.
         */
        @WithDefault("false")
        boolean sealingPaused();

        /**
         * Group commit of exchange entries: concurrent exchanges queue their entries for one writer, which inserts
         * whatever has queued up in one transaction and releases each caller once that commits — one commit flush for
         * many exchanges instead of one each. Off: every exchange commits its own entry.
         */
        @WithDefault("true")
        boolean groupCommit();

        /** Entries one group commit takes at most; the rest wait for the next. */
        @WithDefault("256")
        int groupCommitMaxBatch();
    }

    interface Catalog {
        /**
         * Base of the IRIs the DCAT-AP export mints (catalogue, datasets, agents…). Harvesters keep these IRIs as the
         * identity of each dataset, so set it to the hub's public address before the first harvest and never change
         * it afterwards.
         */
        @WithDefault("https://interchange.example.gov.cn/")
        String baseUri();

        /**
         * ADMS publisher type of the departments (http://purl.org/adms/publishertype/…): provincial hubs publish as
         * {@code RegionalAuthority}, a State Council ministry's hub as {@code NationalAuthority}.
         */
        @WithDefault("RegionalAuthority")
        String publisherType();
    }
}
