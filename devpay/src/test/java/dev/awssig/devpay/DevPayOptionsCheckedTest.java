package dev.awssig.devpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.SigningConfig;
import dev.awssig.SigningOption;
import org.junit.jupiter.api.Test;

/**
 * The DevPay tokens are {@code String} options declared secret by {@link DevPayOptions}: another
 * type is refused where it is declared or set, and a key a framework declares by name without
 * saying secret is redacted all the same.
 */
class DevPayOptionsCheckedTest {
    @Test
    void theTokensAreStringsAndAreSecretWhoeverDeclaresThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningOption.of(DevPayOptions.USER_TOKEN.name(), char[].class));
        assertTrue(e.getMessage().startsWith("option 'devpay.userToken': declared as java.lang.String"),
                e.getMessage());
        SigningOption<String> byName = SigningOption.of("devpay.userToken", String.class);
        assertTrue(byName.isSensitive(), "DevPayOptions declared the name secret");
        SigningConfig config = SigningConfig.builder().option(byName, TestTokens.USER).build();
        assertFalse(config.toString().contains(TestTokens.USER), config.toString());
        assertEquals(TestTokens.USER, DevPayOptions.tokens(config).userToken());

        @SuppressWarnings({"unchecked", "rawtypes"})
        SigningOption<Object> raw = (SigningOption) DevPayOptions.PRODUCT_TOKEN;
        e = assertThrows(IllegalArgumentException.class,
                () -> SigningConfig.builder().option(raw, TestTokens.PRODUCT.toCharArray()));
        assertEquals("option 'devpay.productToken': must be a java.lang.String, was a [C", e.getMessage());
    }
}
