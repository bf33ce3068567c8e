package dev.awssig.internal.credentials;

import dev.awssig.CredentialsEnvironment;

/** Settings read as the AWS SDK for Java 2 reads them: the system property first, then the variable. */
final class Settings {
    private Settings() {
    }

    /**
     * A setting.
     *
     * @param env the environment
     * @param property the system property, or null if the setting has none
     * @param variable the environment variable
     * @return the value (blank counts as unset), or null
     */
    static String setting(CredentialsEnvironment env, String property, String variable) {
        String v = property == null ? null : env.systemProperty(property);
        return v != null ? v : env.variable(variable);
    }
}
