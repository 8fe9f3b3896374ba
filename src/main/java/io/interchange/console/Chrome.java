package io.interchange.console;

/**
 * What the layout around every page needs: language, the form token, who is signed in and which menu entries their
 * roles open.
 */
public record Chrome(
        String lang,
        String csrf,
        boolean demo,
        boolean signedIn,
        String persona,
        String department,
        String roles,
        boolean consumer,
        boolean officer,
        boolean auditor,
        boolean admin,
        int cart,
        String zhHref,
        String enHref,
        boolean steward) {

    public boolean en() {
        return "en".equals(lang);
    }
}
