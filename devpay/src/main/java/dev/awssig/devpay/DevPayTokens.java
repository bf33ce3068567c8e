package dev.awssig.devpay;

import dev.awssig.devpay.internal.SecurityToken;
import dev.awssig.internal.Crypto;
import java.util.Optional;

/**
 * The DevPay tokens of one customer of a DevPay product: the customer's user token and, for a
 * user token of the version issued before the DevPay update of May 15, 2008, the product token.
 *
 * <p><b>Which factory to use.</b> The DevPay developer guide defines no way to tell the two
 * versions of a user token apart by looking at them (both are opaque strings that
 * {@code ActivateHostedProduct} returns, typically starting with {@code {UserToken}}). So the
 * caller says which one it holds:
 * <ul>
 *   <li>{@link #of(String)} — a current user token (returned after May 15, 2008, or refreshed
 *       with {@code RefreshUserToken}). It goes alone into every request: header-signed,
 *       presigned URL and POST form.</li>
 *   <li>{@link #legacy(String, String)} — a user token of the original version, which S3 only
 *       accepts together with the product token: header-signed requests then carry
 *       {@code x-amz-security-token: userToken,productToken}. Such tokens cannot be used in a
 *       presigned URL (the product token would travel in clear text in the URL); refresh the
 *       user token with {@code RefreshUserToken} first. A refreshed token may still be sent with
 *       the product token, so {@code legacy} also works for a current user token in
 *       header-signed requests.</li>
 * </ul>
 *
 * <p><b>Validation.</b> Tokens are opaque: only what DevPay defines is checked — not blank, no CR
 * or LF (they travel in an HTTP header). A token with {@code +}, {@code /} and {@code =} (Base64)
 * is valid everywhere; it is percent-encoded where it goes into a URL.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows a token; {@link #equals(Object)}
 * compares the tokens in constant time and {@link #hashCode()} does not depend on them.
 *
 * @since 0.1.0
 */
public final class DevPayTokens {
    private final String userToken;
    private final String productToken;

    private DevPayTokens(String userToken, String productToken) {
        this.userToken = SecurityToken.requireToken(userToken, "userToken");
        this.productToken = productToken;
    }

    /**
     * The tokens of a customer whose user token is of the current version (issued after
     * May 15, 2008, or refreshed with {@code RefreshUserToken}): the product token is not needed.
     *
     * @param userToken the customer's user token, for example {@code {UserToken}BA4PXRKl...Kczg==}
     * @return the tokens
     * @throws NullPointerException if the token is null
     * @throws IllegalArgumentException if the token is blank or contains CR, LF or NUL (the
     *     message names the field, never the value)
     * @since 0.1.0
     */
    public static DevPayTokens of(String userToken) {
        return new DevPayTokens(userToken, null);
    }

    /**
     * The tokens of a customer whose user token is of the original version (before the DevPay
     * update of May 15, 2008), which must be sent together with the product token. Header-signed
     * requests carry both as {@code userToken,productToken}; presigning is refused.
     *
     * @param userToken the customer's user token
     * @param productToken the product token of the DevPay product
     * @return the tokens
     * @throws NullPointerException if a token is null
     * @throws IllegalArgumentException if a token is blank or contains CR, LF or NUL (the
     *     message names the field, never the value)
     * @since 0.1.0
     */
    public static DevPayTokens legacy(String userToken, String productToken) {
        return new DevPayTokens(userToken, SecurityToken.requireToken(productToken, "productToken"));
    }

    /**
     * The customer's user token. Handle with care: never log it.
     *
     * @return the user token
     * @since 0.1.0
     */
    public String userToken() {
        return userToken;
    }

    /**
     * The product token, present only for {@link #legacy(String, String) legacy} tokens.
     *
     * @return the product token, or empty
     * @since 0.1.0
     */
    public Optional<String> productToken() {
        return Optional.ofNullable(productToken);
    }

    /**
     * Whether these are legacy tokens (a user token that needs the product token).
     *
     * @return true when a product token is present
     * @since 0.1.0
     */
    public boolean isLegacy() {
        return productToken != null;
    }

    /**
     * The value of the {@code x-amz-security-token} header of a header-signed request: the user
     * token, or {@code userToken,productToken} for legacy tokens.
     *
     * @return the header value
     * @since 0.1.0
     */
    public String headerValue() {
        return productToken == null ? userToken : userToken + ',' + productToken;
    }

    /**
     * The (unencoded) value of the {@code x-amz-security-token} query parameter of a presigned
     * URL: the user token alone.
     *
     * @return the user token
     * @throws IllegalStateException for legacy tokens: a presigned URL must not carry the product
     *     token, which would be readable by anyone holding the URL; refresh the user token with
     *     {@code RefreshUserToken} and use {@link #of(String)}
     * @since 0.1.0
     */
    public String presignedQueryValue() {
        if (productToken != null) {
            throw new IllegalStateException(SecurityToken.PRESIGN_REFUSAL);
        }
        return userToken;
    }

    /**
     * The value for a browser POST form: DevPay puts the user token (alone) both in the
     * {@code x-amz-security-token} form field and in an {@code {"x-amz-security-token": ...}}
     * condition of the policy. Pass it to the POST form signer of {@code post-policy} as its
     * security token, which adds the field and the condition.
     *
     * <p>Since the DevPay update of May 15, 2008 the form carries the user token only, never the
     * product token (even for {@link #legacy(String, String) legacy} tokens, whose product token
     * is left out here); the user token must therefore be of the current version.
     *
     * @return the user token
     * @since 0.1.0
     */
    public String postFormSecurityToken() {
        return userToken;
    }

    /**
     * Compares the tokens in constant time.
     *
     * @param o the other object
     * @return whether both hold the same tokens
     * @since 0.1.0
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DevPayTokens)) {
            return false;
        }
        DevPayTokens other = (DevPayTokens) o;
        boolean users = Crypto.constantTimeEquals(userToken, other.userToken);
        boolean products = (productToken == null || other.productToken == null)
                ? productToken == other.productToken
                : Crypto.constantTimeEquals(productToken, other.productToken);
        return users & products;
    }

    /**
     * A hash that depends only on whether the tokens are legacy, so it leaks nothing about them.
     *
     * @return the hash code
     * @since 0.1.0
     */
    @Override
    public int hashCode() {
        return productToken == null ? 1 : 2;
    }

    /**
     * Says which tokens are present, never their values.
     *
     * @return for example {@code DevPayTokens[userToken=****, productToken=****]}
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return productToken == null ? "DevPayTokens[userToken=****]"
                : "DevPayTokens[userToken=****, productToken=****]";
    }
}
