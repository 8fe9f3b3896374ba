package io.interchange.platform;

/** Token roles (DESIGN.md "Who uses it"). */
public final class Roles {
    public static final String HUB_ADMIN = "hub-admin";
    public static final String STEWARD = "steward";
    public static final String DATA_OFFICER = "data-officer";
    public static final String CONSUMER = "consumer";
    public static final String AUDITOR = "auditor";
    public static final String HUB_AUDITOR = "hub-auditor";

    private Roles() {}
}
