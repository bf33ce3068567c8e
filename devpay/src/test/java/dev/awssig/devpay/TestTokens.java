package dev.awssig.devpay;

/** Tokens shaped like DevPay's, with every Base64 character that needs care in a URL. */
final class TestTokens {
    /** A user token with '+', '/' and '=' (and the braces of the {UserToken} prefix). */
    static final String USER = "{UserToken}BA4PXRKl+mJ/8bQ=Kczg==";
    /** A product token with '+', '/' and '='. */
    static final String PRODUCT = "{ProductToken}AAAGQXBwVGtu+rHe/7Zq=Mz0=";
    /** The user token percent-encoded as in a URL. */
    static final String USER_ENCODED = "%7BUserToken%7DBA4PXRKl%2BmJ%2F8bQ%3DKczg%3D%3D";

    private TestTokens() {
    }
}
