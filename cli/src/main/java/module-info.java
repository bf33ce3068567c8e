/**
 * The {@code awssig} command: sign, presign, post-form, verify and explain AWS requests, and run a
 * verifying gateway in front of an S3-compatible server.
 *
 * <p>Run it with {@code ./awssig} at the top of the repository, or {@code java -jar
 * cli/target/awssig.jar}. The signers are found through the {@link dev.awssig.spi.SignerProvider}
 * SPI.
 *
 * @since 0.1.0
 */
module dev.awssig.cli {
    requires dev.awssig;
    requires dev.awssig.post;
    requires dev.awssig.devpay;
    requires dev.awssig.servlet;
    requires jakarta.servlet;
    requires java.net.http;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.http;
    requires org.eclipse.jetty.util;
    requires org.eclipse.jetty.ee10.servlet;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires java.xml;
    requires org.slf4j;

    exports dev.awssig.cli;

    opens dev.awssig.cli.internal to info.picocli;
}
