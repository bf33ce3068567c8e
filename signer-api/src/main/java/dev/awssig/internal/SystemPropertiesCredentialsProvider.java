package dev.awssig.internal;

import dev.awssig.Credentials;
import dev.awssig.CredentialsProvider;
import java.util.Properties;

/**
 * Credentials from the Java system properties {@code aws.accessKeyId},
 * {@code aws.secretAccessKey} and (optional) {@code aws.sessionToken}, as the AWS SDK for Java
 * reads them. An empty property counts as unset. The properties are read on every call.
 * Internal: use {@link dev.awssig.CredentialsProviders#systemProperties()}.
 */
public final class SystemPropertiesCredentialsProvider implements CredentialsProvider {
    /** The access key id property. */
    public static final String ACCESS_KEY_ID = "aws.accessKeyId";
    /** The secret access key property. */
    public static final String SECRET_ACCESS_KEY = "aws.secretAccessKey";
    /** The session token property. */
    public static final String SESSION_TOKEN = "aws.sessionToken";

    private final Properties properties;

    /**
     * A provider over a set of properties.
     *
     * @param properties the properties (read at each call, not copied), or {@code null} for
     *     {@link System#getProperties()}
     */
    public SystemPropertiesCredentialsProvider(Properties properties) {
        this.properties = properties;
    }

    @Override
    public Credentials resolveCredentials() {
        Properties p = properties == null ? System.getProperties() : properties;
        return CredentialValues.resolve(p.getProperty(ACCESS_KEY_ID), p.getProperty(SECRET_ACCESS_KEY),
                p.getProperty(SESSION_TOKEN), ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, "system property ");
    }

    @Override
    public String describe() {
        return "system properties (" + ACCESS_KEY_ID + ", " + SECRET_ACCESS_KEY + ")";
    }

    @Override
    public String toString() {
        return "SystemPropertiesCredentialsProvider";
    }
}
