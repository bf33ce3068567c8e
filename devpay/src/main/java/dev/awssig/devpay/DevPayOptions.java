package dev.awssig.devpay;

import dev.awssig.SigningConfig;
import dev.awssig.SigningOption;
import dev.awssig.devpay.internal.SecurityToken;
import dev.awssig.internal.OptionNames;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link SigningOption options} through which the DevPay providers
 * ({@code DEVPAY+AWS4-HMAC-SHA256}, {@code DEVPAY+AWS-S3-V2}) receive the customer's tokens.
 * Options are identified by name, so a framework that knows only the names
 * {@code "devpay.userToken"} and {@code "devpay.productToken"} can set them. Both are
 * {@link SigningOption#secret(String, Class) secret}: {@link SigningConfig#toString()} redacts
 * them.
 *
 * <pre>{@code
 * SigningConfig config = SigningConfig.builder()
 *         .credentials(productCredentials)
 *         .region("us-east-1").service("s3")
 *         .option(DevPayOptions.USER_TOKEN, userToken)
 *         .build();
 * Signer signer = Signers.discover().signer(Algorithms.devpay(Algorithms.SIGV4), config);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class DevPayOptions {
    /**
     * The customer's user token ({@code "devpay.userToken"}); required.
     *
     * @since 0.1.0
     */
    public static final SigningOption<String> USER_TOKEN = OptionNames.own("devpay.userToken", String.class, true);

    /**
     * The product token ({@code "devpay.productToken"}); set it only for a user token of the
     * version issued before May 15, 2008 (see {@link DevPayTokens#legacy(String, String)}).
     * Presigners refuse it.
     *
     * @since 0.1.0
     */
    public static final SigningOption<String> PRODUCT_TOKEN =
            OptionNames.own("devpay.productToken", String.class, true);

    private DevPayOptions() {
    }

    /**
     * The tokens a config carries: {@link DevPayTokens#of(String)} when only the user token is
     * set, {@link DevPayTokens#legacy(String, String)} when the product token is set too.
     *
     * @param config the config
     * @return the tokens
     * @throws IllegalArgumentException if the user token is missing or a token is malformed (the
     *     message names the option, never the value)
     * @since 0.1.0
     */
    public static DevPayTokens tokens(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        Optional<String> user = config.option(USER_TOKEN);
        if (user.isEmpty()) {
            throw new IllegalArgumentException(USER_TOKEN.name() + ": is required for DevPay (the customer's"
                    + " user token, set with SigningConfig.Builder.option(DevPayOptions.USER_TOKEN, token))");
        }
        Optional<String> product = config.option(PRODUCT_TOKEN);
        String u = SecurityToken.requireToken(user.get(), USER_TOKEN.name());
        return product.isEmpty() ? DevPayTokens.of(u)
                : DevPayTokens.legacy(u, SecurityToken.requireToken(product.get(), PRODUCT_TOKEN.name()));
    }

    /**
     * Sets the options of a config builder from tokens.
     *
     * @param builder the config builder
     * @param tokens the tokens
     * @return the builder
     * @since 0.1.0
     */
    public static SigningConfig.Builder apply(SigningConfig.Builder builder, DevPayTokens tokens) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(tokens, "tokens");
        return builder.option(USER_TOKEN, tokens.userToken()).option(PRODUCT_TOKEN, tokens.productToken().orElse(null));
    }
}
