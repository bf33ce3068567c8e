/**
 * The awssig API: request model, credentials and their providers, the signer / presigner /
 * verifier interfaces and the signer SPI.
 *
 * @uses dev.awssig.spi.SignerProvider
 * @since 0.1.0
 */
@SuppressWarnings("module") // qualified exports name sibling modules that are compiled later
module dev.awssig {
    requires transitive org.slf4j;
    requires java.net.http;

    exports dev.awssig;
    exports dev.awssig.spi;
    exports dev.awssig.internal to dev.awssig.v2, dev.awssig.v4, dev.awssig.v4a, dev.awssig.devpay, dev.awssig.post,
            dev.awssig.cli, dev.awssig.http.jdk, dev.awssig.awssdk, dev.awssig.servlet;

    uses dev.awssig.spi.SignerProvider;
}
