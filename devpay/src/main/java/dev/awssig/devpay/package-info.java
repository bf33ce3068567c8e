/**
 * The DevPay decorator: adds a DevPay customer's tokens as {@code x-amz-security-token} to
 * requests signed, presigned or verified by any SigV2 (S3) or SigV4 implementation of the
 * signer API. Start with {@link dev.awssig.devpay.DevPay} and {@link dev.awssig.devpay.DevPayTokens}.
 *
 * @since 0.1.0
 */
package dev.awssig.devpay;
