package dev.awssig;

import dev.awssig.internal.ChainCredentialsProvider;
import dev.awssig.internal.EnvironmentCredentialsProvider;
import dev.awssig.internal.ProfileCredentialsProvider;
import dev.awssig.internal.SystemPropertiesCredentialsProvider;
import dev.awssig.internal.credentials.ContainerCredentialsProvider;
import dev.awssig.internal.credentials.InstanceMetadataCredentialsProvider;
import dev.awssig.internal.credentials.ProcessCredentialsProvider;
import dev.awssig.internal.credentials.WebIdentityCredentialsProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Factories of {@link CredentialsProvider}s, finding credentials where the AWS CLI and SDKs find
 * them: static values; Java system properties ({@code aws.accessKeyId}, {@code aws.secretAccessKey},
 * {@code aws.sessionToken}); the environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}); web identity
 * ({@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN}); the shared files
 * {@code ~/.aws/credentials} and {@code ~/.aws/config} ({@code AWS_PROFILE}), whose profiles may
 * hold static keys, assume a role, use SSO or run a {@code credential_process}; container
 * credentials (ECS, EKS Pod Identity); the EC2 instance metadata service; and chains of those.
 *
 * <p>Every source can be used alone or in a chain. The overloads that take a
 * {@link CredentialsEnvironment} (or an environment map, {@link Properties} and a home directory)
 * read only what they are given (for tests and embedding); the others read this process's
 * environment, system properties and home directory ({@code HOME} first, as the AWS CLI does).
 * Temporary credentials (roles, SSO, processes, containers, instance metadata) are cached and
 * refreshed a few minutes before they expire. A provider that finds nothing throws
 * {@link CredentialsNotFoundException} saying why (for example {@code AWS_ACCESS_KEY_ID not set});
 * a chain that finds nothing names every source it tried and why each had nothing. No message
 * ever contains a secret or token.
 *
 * <pre>{@code
 * CredentialsProvider provider = CredentialsProviders.defaultChain();   // as the AWS SDK for Java 2
 * CredentialsProvider work = CredentialsProviders.profile("work");      // like --profile work
 * Credentials c = provider.resolveCredentials();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CredentialsProviders {
    private CredentialsProviders() {
    }

    /**
     * A provider of fixed credentials.
     *
     * @param credentials the credentials
     * @return the provider
     * @since 0.1.0
     */
    public static CredentialsProvider of(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return new CredentialsProvider() {
            @Override
            public Credentials resolveCredentials() {
                return credentials;
            }

            @Override
            public String describe() {
                return "static credentials";
            }

            @Override
            public String toString() {
                return "StaticCredentialsProvider[" + credentials + "]";
            }
        };
    }

    /**
     * A chain that returns the credentials of the first provider that has some (see
     * {@link #chain(List)}).
     *
     * @param providers the providers, tried in order
     * @return the chain
     * @throws IllegalArgumentException if no provider is given
     * @since 0.1.0
     */
    public static CredentialsProvider chain(CredentialsProvider... providers) {
        Objects.requireNonNull(providers, "providers");
        return chain(List.of(providers));
    }

    /**
     * A chain that returns the credentials of the first provider that has some. A provider that
     * throws {@link CredentialsNotFoundException} is skipped; if all do, the chain throws one
     * whose message names each provider (its {@link CredentialsProvider#describe()}) and why it
     * had nothing. Any other exception stops the chain. Once a provider has returned
     * credentials it is asked first on later calls (as the AWS SDK for Java 2 does); if it later
     * has none, the whole chain is tried again in order.
     *
     * @param providers the providers, tried in order
     * @return the chain
     * @throws IllegalArgumentException if the list is empty
     * @since 0.1.0
     */
    public static CredentialsProvider chain(List<? extends CredentialsProvider> providers) {
        Objects.requireNonNull(providers, "providers");
        return new ChainCredentialsProvider(providers);
    }

    /**
     * Credentials from this process's environment variables {@code AWS_ACCESS_KEY_ID},
     * {@code AWS_SECRET_ACCESS_KEY} and optional {@code AWS_SESSION_TOKEN}, read at each call.
     * An empty variable counts as unset.
     *
     * @return the provider
     * @since 0.1.0
     */
    public static CredentialsProvider environment() {
        return new EnvironmentCredentialsProvider(null);
    }

    /**
     * Credentials from the given environment variables (see {@link #environment()}).
     *
     * @param environment the variables (copied)
     * @return the provider
     * @since 0.1.0
     */
    public static CredentialsProvider environment(Map<String, String> environment) {
        return new EnvironmentCredentialsProvider(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * Credentials from the Java system properties {@code aws.accessKeyId},
     * {@code aws.secretAccessKey} and optional {@code aws.sessionToken}, read at each call.
     *
     * @return the provider
     * @since 0.1.0
     */
    public static CredentialsProvider systemProperties() {
        return new SystemPropertiesCredentialsProvider(null);
    }

    /**
     * Credentials from the given properties (see {@link #systemProperties()}); the properties are
     * read at each call, not copied.
     *
     * @param properties the properties
     * @return the provider
     * @since 0.1.0
     */
    public static CredentialsProvider systemProperties(Properties properties) {
        return new SystemPropertiesCredentialsProvider(Objects.requireNonNull(properties, "properties"));
    }

    /**
     * Credentials of the profile named by {@code AWS_PROFILE}, or {@code default}, in this
     * user's shared files (see {@link #profile(String, CredentialsEnvironment)}).
     *
     * @return the provider
     * @since 0.1.0
     */
    public static CredentialsProvider profile() {
        return new ProfileCredentialsProvider(null, CredentialsEnvironment.system());
    }

    /**
     * Credentials of a named profile in this user's shared files, as {@code aws --profile name}
     * finds them (see {@link #profile(String, CredentialsEnvironment)}).
     *
     * @param profileName the profile, for example {@code default} or {@code work}
     * @return the provider
     * @throws IllegalArgumentException if the name is blank
     * @since 0.1.0
     */
    public static CredentialsProvider profile(String profileName) {
        Objects.requireNonNull(profileName, "profileName");
        return new ProfileCredentialsProvider(profileName, CredentialsEnvironment.system());
    }

    /**
     * Credentials of a profile in the shared files, with the environment and home directory
     * given and no system properties (see {@link #profile(String, CredentialsEnvironment)}).
     *
     * @param profileName the profile, or {@code null} for {@code AWS_PROFILE} or {@code default}
     * @param environment the environment variables (copied)
     * @param home the home directory
     * @return the provider
     * @throws IllegalArgumentException if the profile name is blank
     * @since 0.1.0
     */
    public static CredentialsProvider profile(String profileName, Map<String, String> environment, Path home) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(home, "home");
        return profile(profileName, CredentialsEnvironment.builder().environment(environment).home(home).build());
    }

    /**
     * Credentials of a profile in the shared files, as the AWS CLI and SDKs find them.
     *
     * <ul>
     *   <li>The profile is {@code profileName}, else {@code AWS_PROFILE}, else {@code default}.</li>
     *   <li>The files are {@code AWS_SHARED_CREDENTIALS_FILE} (default
     *       {@code <home>/.aws/credentials}, sections {@code [name]}) and {@code AWS_CONFIG_FILE}
     *       (default {@code <home>/.aws/config}, sections {@code [profile name]}, {@code [default]}
     *       and {@code [sso-session name]}); for a property set in both, the credentials file wins.
     *       Comments start with {@code #} or {@code ;}. A malformed file gives a message with the
     *       file and line number.</li>
     *   <li>The profile's credentials come, in this order of precedence (that of the AWS SDK for
     *       Java 2), from: {@code role_arn} with {@code web_identity_token_file} (STS
     *       {@code AssumeRoleWithWebIdentity}); {@code sso_session} or {@code sso_start_url} with
     *       {@code sso_account_id} and {@code sso_role_name} (the token {@code aws sso login}
     *       cached in {@code ~/.aws/sso/cache}); {@code role_arn} with {@code source_profile} or
     *       {@code credential_source} ({@code Environment}, {@code Ec2InstanceMetadata},
     *       {@code EcsContainer}), optional {@code role_session_name}, {@code external_id},
     *       {@code duration_seconds}, {@code region} (STS {@code AssumeRole}, signed with the
     *       SigV4 signer of {@code awssig-signer-v4}, found through the SPI; {@code mfa_serial}
     *       is refused); {@code credential_process}; {@code aws_access_key_id},
     *       {@code aws_secret_access_key} and optional {@code aws_session_token}.</li>
     * </ul>
     * The files are read at the first successful call and the source they name kept (temporary
     * credentials are cached and refreshed ahead of their expiry); a call that finds nothing
     * reads them again next time.
     *
     * @param profileName the profile, or {@code null} for {@code AWS_PROFILE} or {@code default}
     * @param environment the variables, properties, home directory and clock to use
     * @return the provider
     * @throws IllegalArgumentException if the profile name is blank
     * @since 0.2.0
     */
    public static CredentialsProvider profile(String profileName, CredentialsEnvironment environment) {
        Objects.requireNonNull(environment, "environment");
        return new ProfileCredentialsProvider(profileName, environment);
    }

    /**
     * Credentials of a role assumed with a web identity token, from this process's settings (see
     * {@link #webIdentity(CredentialsEnvironment)}).
     *
     * @return the provider
     * @since 0.2.0
     */
    public static CredentialsProvider webIdentity() {
        return webIdentity(CredentialsEnvironment.system());
    }

    /**
     * Credentials of a role assumed with a web identity token (EKS service accounts, GitHub
     * Actions OIDC): STS {@code AssumeRoleWithWebIdentity} with the content of the file
     * {@code AWS_WEB_IDENTITY_TOKEN_FILE} (re-read at each refresh), the role
     * {@code AWS_ROLE_ARN} and the session name {@code AWS_ROLE_SESSION_NAME} (default
     * {@code awssig-} and the time in milliseconds); the system properties
     * {@code aws.webIdentityTokenFile}, {@code aws.roleArn}, {@code aws.roleSessionName} win over
     * the variables. STS is {@code AWS_ENDPOINT_URL_STS}, else {@code AWS_ENDPOINT_URL}, else the
     * endpoint of {@code aws.region} / {@code AWS_REGION}, else {@code https://sts.amazonaws.com}.
     * Cached and refreshed ahead of expiry.
     *
     * @param environment the variables, properties and clock to use
     * @return the provider
     * @since 0.2.0
     */
    public static CredentialsProvider webIdentity(CredentialsEnvironment environment) {
        return new WebIdentityCredentialsProvider(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * Container credentials (ECS, EKS Pod Identity) of this process (see
     * {@link #container(CredentialsEnvironment)}).
     *
     * @return the provider
     * @since 0.2.0
     */
    public static CredentialsProvider container() {
        return container(CredentialsEnvironment.system());
    }

    /**
     * Container credentials: {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI} on
     * {@code http://169.254.170.2} (ECS; {@code AWS_CONTAINER_SERVICE_ENDPOINT} moves it), else
     * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, which over {@code http} must be a loopback host,
     * {@code 169.254.170.2}, {@code 169.254.170.23} or {@code fd00:ec2::23}; the
     * {@code Authorization} header is the content of {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE}
     * (read at each refresh), else {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}. Short timeouts and
     * one retry, as for {@link #instanceMetadata(CredentialsEnvironment)}. Cached and refreshed
     * ahead of expiry.
     *
     * @param environment the variables and clock to use
     * @return the provider
     * @since 0.2.0
     */
    public static CredentialsProvider container(CredentialsEnvironment environment) {
        return new ContainerCredentialsProvider(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * The instance role's credentials from the EC2 instance metadata service, for this process
     * (see {@link #instanceMetadata(CredentialsEnvironment)}).
     *
     * @return the provider
     * @since 0.2.0
     */
    public static CredentialsProvider instanceMetadata() {
        return instanceMetadata(CredentialsEnvironment.system());
    }

    /**
     * The instance role's credentials from the EC2 instance metadata service, with IMDSv2: a
     * session token ({@code PUT /latest/api/token}), then the role name and its credentials
     * under {@code /latest/meta-data/iam/security-credentials/}. The endpoint is
     * {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}, else {@code http://169.254.169.254} (or
     * {@code http://[fd00:ec2::254]} with {@code AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6});
     * {@code AWS_EC2_METADATA_DISABLED=true} turns the source off. Each request has a 500 ms
     * connect timeout, a 1 s answer timeout ({@code AWS_METADATA_SERVICE_TIMEOUT}, in seconds) and
     * one retry ({@code AWS_METADATA_SERVICE_NUM_ATTEMPTS=2}), so that off EC2 a chain moves on
     * after about a second. Cached and refreshed ahead of expiry.
     *
     * @param environment the variables, properties and clock to use
     * @return the provider
     * @since 0.2.0
     */
    public static CredentialsProvider instanceMetadata(CredentialsEnvironment environment) {
        return new InstanceMetadataCredentialsProvider(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * Credentials printed by a program, as a profile's {@code credential_process} (see
     * {@link #process(String, CredentialsEnvironment)}), with this process's environment.
     *
     * @param command the command line, run by the platform shell
     * @return the provider
     * @throws IllegalArgumentException if the command is blank
     * @since 0.2.0
     */
    public static CredentialsProvider process(String command) {
        Objects.requireNonNull(command, "command");
        return new ProcessCredentialsProvider(command, CredentialsEnvironment.system(), false, null);
    }

    /**
     * Credentials printed by a program, as a profile's {@code credential_process}: the command
     * line runs in {@code sh -c} ({@code cmd.exe /C} on Windows) with this process's variables
     * plus those of {@code environment}, must exit with status 0 within a minute and print JSON
     * with {@code "Version": 1}, {@code AccessKeyId}, {@code SecretAccessKey} and optional
     * {@code SessionToken} and {@code Expiration} (ISO 8601). Credentials with an expiration are
     * cached and refreshed ahead of it; without one they are kept. Messages never show what the
     * program printed.
     *
     * @param command the command line
     * @param environment the variables added to the program's, and the clock
     * @return the provider
     * @throws IllegalArgumentException if the command is blank
     * @since 0.2.0
     */
    public static CredentialsProvider process(String command, CredentialsEnvironment environment) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(environment, "environment");
        return new ProcessCredentialsProvider(command, environment, environment != CredentialsEnvironment.system(),
                null);
    }

    /**
     * The default chain of this process and user (see {@link #defaultChain(CredentialsEnvironment)}).
     *
     * @return the chain
     * @since 0.1.0
     */
    public static CredentialsProvider defaultChain() {
        return defaultChain(CredentialsEnvironment.system());
    }

    /**
     * The default chain over a given environment, system properties and home directory: for
     * tests and embedding, nothing else is read (see {@link #defaultChain(CredentialsEnvironment)}).
     *
     * @param environment the environment variables (copied)
     * @param systemProperties the system properties (read at each call)
     * @param home the home directory, where {@code .aws/credentials} and {@code .aws/config} are
     * @return the chain
     * @since 0.1.0
     */
    public static CredentialsProvider defaultChain(Map<String, String> environment, Properties systemProperties,
            Path home) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(systemProperties, "systemProperties");
        Objects.requireNonNull(home, "home");
        return defaultChain(CredentialsEnvironment.builder().environment(environment)
                .systemProperties(systemProperties).home(home).build());
    }

    /**
     * The default chain, in the order of the AWS SDK for Java 2's {@code DefaultCredentialsProvider}:
     * <ol>
     *   <li>Java system properties ({@link #systemProperties()});</li>
     *   <li>environment variables ({@link #environment()});</li>
     *   <li>web identity ({@link #webIdentity(CredentialsEnvironment)});</li>
     *   <li>the shared files, profile {@code AWS_PROFILE} or {@code default}
     *       ({@link #profile(String, CredentialsEnvironment)}: static keys, roles, SSO,
     *       {@code credential_process});</li>
     *   <li>container credentials ({@link #container(CredentialsEnvironment)});</li>
     *   <li>the EC2 instance metadata service ({@link #instanceMetadata(CredentialsEnvironment)}).</li>
     * </ol>
     * The first source with credentials answers, and is asked first on later calls; when none
     * has any, the exception names each source and why it had none.
     *
     * @param environment the variables, properties, home directory and clock to use
     * @return the chain
     * @since 0.2.0
     */
    public static CredentialsProvider defaultChain(CredentialsEnvironment environment) {
        Objects.requireNonNull(environment, "environment");
        boolean system = environment == CredentialsEnvironment.system();
        return chain(new SystemPropertiesCredentialsProvider(system ? null : environment.systemProperties()),
                new EnvironmentCredentialsProvider(system ? null : environment.environment()),
                webIdentity(environment), profile(null, environment), container(environment),
                instanceMetadata(environment));
    }
}
