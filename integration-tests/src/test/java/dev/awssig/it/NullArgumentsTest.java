package dev.awssig.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsProvider;
import dev.awssig.CredentialsProviders;
import dev.awssig.Headers;
import dev.awssig.HttpSigning;
import dev.awssig.Payload;
import dev.awssig.PayloadMode;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.S3Location;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.SigningOption;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.awssdk.AwssigAuthScheme;
import dev.awssig.awssdk.AwssigHttpSigner;
import dev.awssig.devpay.DevPay;
import dev.awssig.devpay.DevPayTokens;
import dev.awssig.http.apache5.AwsSigningAsyncExec;
import dev.awssig.http.apache5.AwsSigningExec;
import dev.awssig.http.jdk.HttpRequestSigner;
import dev.awssig.http.jdk.SigningHttpClient;
import dev.awssig.http.okhttp.AwsSigningInterceptor;
import dev.awssig.post.PolicyCondition;
import dev.awssig.post.PostForm;
import dev.awssig.post.PostFormRequest;
import dev.awssig.post.PostFormSigner;
import dev.awssig.post.PostPolicy;
import dev.awssig.post.PostPolicyEnforcer;
import dev.awssig.post.PostSubmission;
import dev.awssig.spi.SignerProvider;
import dev.awssig.v2.QueryV2Signer;
import dev.awssig.v2.QueryV2Verifier;
import dev.awssig.v2.S3V2Signer;
import dev.awssig.v2.S3V2Verifier;
import dev.awssig.v4.SigV4Signer;
import dev.awssig.v4.SigV4Verifier;
import dev.awssig.v4.SignedHeadersPolicy;
import dev.awssig.v4a.RegionSet;
import dev.awssig.v4a.SigV4aSigner;
import dev.awssig.v4a.SigV4aVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * One rule for bad arguments, across every published module: a {@code null} given to a public
 * method or constructor of a public API class throws {@link NullPointerException} whose message
 * is the parameter's name (what {@code Objects.requireNonNull(value, "name")} does), unless the
 * javadoc says the parameter may be null ({@link #NULLABLE}). The classes are every public class
 * in the non-{@code internal} packages of every module the BOM manages (a new module is picked up
 * by itself), and the interfaces' methods are called on the implementations the modules hand out
 * (the discovered signers, presigners and verifiers, the DevPay decorators). Every reference
 * parameter is tried, one at a time, with valid values for the others.
 */
class NullArgumentsTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Credentials CREDENTIALS = Credentials.of("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final String URL = "https://examplebucket.s3.amazonaws.com/photos/cat.jpg";

    /**
     * Parameters whose javadoc says null is allowed, as {@code Class.method/arity(parameter)}: they
     * must not throw NullPointerException for null.
     */
    static final Set<String> NULLABLE = Set.of(
            "Credentials.of/3(sessionToken)",
            "Credentials.of/4(sessionToken)", // none
            "Credentials.of/4(expiration)", // credentials that do not expire
            "CredentialsEnvironment$Builder.home/1(home)", // found from the variables, as the CLI does
            "CredentialsProviders.profile/2(profileName)", // AWS_PROFILE or default
            "S3Location.of/3(versionId)", // the current version
            "S3Location.withVersionId/1(versionId)",
            "HttpSigning$Builder.payloadMode/1(mode)", // chosen per request
            "HttpSigning$Builder.trailerChecksum/1(checksum)", // the provider's default
            "SignerProvider.streamingSigner/3(trailerChecksum)",
            "Signers.streamingSigner/4(trailerChecksum)",
            "AwssigHttpSigner$Builder.payloadMode/1(mode)", // as the SDK decides
            // the clients' own contracts: HttpClient.sendAsync takes a null push promise handler,
            // Apache's AsyncExecChainHandler.execute a null entity producer (a request without a body)
            "SigningHttpClient.sendAsync/3(pushPromiseHandler)",
            "AwsSigningAsyncExec.execute/5(producer)",
            "CredentialsProviders.profile/3(profileName)",
            "SignableRequest$Builder.rawQuery/1(rawQuery)",
            "SignableRequest$Builder.appendQueryParameter/2(encodedValue)",
            "SigningConfig.option/2(defaultValue)",
            "SigningConfig$Builder.option/2(value)",
            "ChecksumAlgorithm.fromHeaderName/1(headerName)",
            "PayloadSigning.fromLiteral/1(value)",
            "AwsChunked.encodedLength/4(checksum)",
            // for signer implementers: texts that are optional or computed later
            "SignedRequest$Builder.canonicalRequest/1(canonicalRequest)",
            "SignedRequest$Builder.stringToSign/1(stringToSign)",
            "SignedRequest$Builder.canonicalRequestSupplier/1(canonicalRequest)",
            "SignedRequest$Builder.stringToSignSupplier/1(stringToSign)",
            "PresignedUrl$Builder.canonicalRequest/1(canonicalRequest)",
            "VerificationResult.success/3(canonicalRequest)",
            "VerificationResult.success/3(stringToSign)",
            "VerificationResult.failure/5(accessKeyId)",
            "VerificationResult.failure/5(canonicalRequest)",
            "VerificationResult.failure/5(stringToSign)",
            "CredentialsLookup.secretsFor/1(sessionToken)",
            "PostUpload.of/4(fileName)",
            "PostUpload.of/4(fileContentType)");

    /** Methods not checked, with the reason. */
    static final Set<String> NOT_CHECKED = Set.of(
            "equals", // null is a value to compare with: false
            "valueOf", "values"); // enum methods of the JDK

    private final Map<Class<?>, Supplier<Object>> samples = new HashMap<>();
    private final java.net.http.HttpClient jdkClient = java.net.http.HttpClient.newHttpClient();

    NullArgumentsTest() {
        SigningConfig config = SigningConfig.builder().credentials(CREDENTIALS).region("us-east-1").service("s3")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        SignableRequest request = SignableRequest.builder().method("GET").uri(URL).build();
        sample(String.class, () -> "x");
        sample(Object.class, () -> "x");
        sample(CharSequence.class, () -> "x");
        sample(Credentials.class, () -> CREDENTIALS);
        sample(CredentialsProvider.class, () -> CredentialsProviders.of(CREDENTIALS));
        sample(SigningConfig.class, () -> config);
        sample(SigningConfig.Builder.class, SigningConfig::builder);
        sample(SignableRequest.class, () -> request);
        sample(SignableRequest.Builder.class, () -> SignableRequest.builder().method("GET").uri(URL));
        sample(Headers.class, () -> Headers.builder().add("Range", "bytes=0-9").build());
        sample(Headers.Builder.class, Headers::builder);
        sample(Headers.Header.class, () -> new Headers.Header("Range", "bytes=0-9"));
        sample(Payload.class, () -> Payload.ofBytes(new byte[] {1}));
        sample(Payload.StreamSupplier.class, () -> (Payload.StreamSupplier) () -> new ByteArrayInputStream(new byte[1]));
        sample(SecretLookup.class, () -> SecretLookup.of(CREDENTIALS));
        sample(Instant.class, () -> NOW);
        sample(Duration.class, () -> Duration.ofMinutes(5));
        sample(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC));
        sample(URI.class, () -> URI.create(URL));
        sample(Path.class, () -> Paths.get("/nonexistent"));
        sample(InputStream.class, () -> new ByteArrayInputStream(new byte[0]));
        sample(byte[].class, () -> new byte[] {1});
        sample(String[].class, () -> new String[] {"--version"});
        sample(Map.class, () -> Map.of("AWS_ACCESS_KEY_ID", "AKID"));
        sample(Properties.class, Properties::new);
        sample(List.class, () -> List.of());
        sample(Collection.class, () -> List.of());
        sample(Optional.class, Optional::empty);
        sample(ClassLoader.class, () -> getClass().getClassLoader());
        sample(ModuleLayer.class, ModuleLayer::boot);
        sample(SigningOption.class, () -> SigningOption.of("x.option", String.class));
        sample(AuthError.class, () -> AuthError.SIGNATURE_DOES_NOT_MATCH);
        sample(VerificationResult.class, () -> VerificationResult.failure(AuthError.ACCESS_DENIED, "no"));
        sample(VerificationLimits.class, VerificationLimits::defaults);
        sample(VerificationLimits.Builder.class, VerificationLimits::builder);
        sample(Class.class, () -> String.class);
        sample(java.security.MessageDigest.class, () -> {
            try {
                return java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
        sample(Supplier.class, () -> (Supplier<String>) () -> "x");
        sample(SignedRequest.Builder.class, () -> SignedRequest.builder().algorithm("AWS4-HMAC-SHA256").request(request)
                .signature("abc").signingTime(NOW).stringToSign("sts").signedHeaders(List.of("host")));
        sample(PresignedUrl.Builder.class, () -> PresignedUrl.builder().url(URL).method("GET").expiration(NOW)
                .signature("abc").stringToSign("sts").signedHeaders(Headers.empty()));
        sample(dev.awssig.VerificationException.class, () -> new dev.awssig.VerificationException(
                VerificationResult.failure(AuthError.ACCESS_DENIED, "no")));
        sample(dev.awssig.v4.AwsChunkedException.class, () -> new dev.awssig.v4.AwsChunkedException(
                VerificationResult.failure(AuthError.INCOMPLETE_BODY, "short")));
        sample(dev.awssig.v4.ChecksumAlgorithm.Running.class, () -> dev.awssig.v4.ChecksumAlgorithm.CRC32.newRunning());
        sample(Signers.class, Signers::discover);
        sample(SignerProvider.class, () -> Signers.discover().provider(Algorithms.SIGV4));
        sample(SignerProvider[].class, () -> new SignerProvider[] {Signers.discover().provider(Algorithms.SIGV4)});
        sample(Signer.class, () -> SigV4Signer.create(config));
        sample(Presigner.class, () -> SigV4Signer.create(config));
        sample(Verifier.class, () -> SigV4Verifier.create(config));
        sample(Function.class, () -> (Function<SigningConfig, SigV4Signer>) SigV4Signer::create);
        sample(SignedRequest.class, () -> SigV4Signer.create(config).sign(request));
        sample(PresignedUrl.class, () -> SigV4Signer.create(config).presign(request, Duration.ofMinutes(5)));
        sample(SigV4Signer.class, () -> SigV4Signer.create(config));
        sample(SigV4Verifier.class, () -> SigV4Verifier.create(config));
        sample(SignedHeadersPolicy.class, SignedHeadersPolicy::defaults);
        sample(S3V2Signer.class, () -> S3V2Signer.create(config));
        sample(S3V2Verifier.class, S3V2Verifier::create);
        sample(QueryV2Signer.class, () -> QueryV2Signer.create(config));
        sample(QueryV2Verifier.class, QueryV2Verifier::create);
        sample(DevPayTokens.class, () -> DevPayTokens.of("{UserToken}AAAEXAMPLE"));
        PostPolicy policy = PostPolicy.builder().expiration(NOW.plusSeconds(600)).keyStartsWith("up/").build();
        sample(PostPolicy.class, () -> policy);
        sample(PostPolicy.Builder.class, () -> PostPolicy.builder().expiration(NOW.plusSeconds(600)));
        sample(PolicyCondition.class, () -> PolicyCondition.exact("acl", "private"));
        sample(PostFormRequest.class, () -> PostFormRequest.builder().bucket("examplebucket").key("up/a.txt")
                .policy(policy).build());
        sample(PostFormRequest.Builder.class, () -> PostFormRequest.builder().bucket("examplebucket").key("up/a.txt")
                .policy(policy));
        sample(PostFormSigner.class, () -> PostFormSigner.v4(config));
        sample(PostForm.class, () -> PostFormSigner.v4(config).sign(PostFormRequest.builder().bucket("examplebucket")
                .key("up/a.txt").policy(policy).build()));
        sample(PostForm.Field.class, () -> new PostForm.Field("acl", "private", false));
        sample(PostSubmission.class, () -> PostSubmission.builder().bucket("examplebucket").fileName("a.txt")
                .fileSize(1).build());
        sample(PostSubmission.Builder.class, () -> PostSubmission.builder().bucket("examplebucket"));
        sample(PostPolicyEnforcer.class, () -> PostPolicyEnforcer.create(SecretLookup.of(CREDENTIALS),
                Clock.fixed(NOW, ZoneOffset.UTC)));
        sample(PostPolicyEnforcer.Builder.class, PostPolicyEnforcer::builder);
        sample(CredentialsEnvironment.class, () -> CredentialsEnvironment.builder().environment(Map.of())
                .systemProperties(new Properties()).home(Paths.get("/nonexistent")).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build());
        sample(CredentialsEnvironment.Builder.class, CredentialsEnvironment::builder);
        sample(S3Location.class, () -> S3Location.of("examplebucket", "photos/cat.jpg"));
        sample(S3Location.Endpoint.class, () -> S3Location.Endpoint.region("us-east-1"));
        sample(PayloadMode.class, () -> PayloadMode.STREAMING_SIGNED_TRAILER); // what streamingSigner takes
        sample(HttpSigning.class, () -> HttpSigning.of(config));
        sample(HttpSigning.Builder.class, () -> HttpSigning.builder(config));
        sample(RegionSet.class, () -> RegionSet.of("us-east-1"));
        sample(SigV4aSigner.class, () -> SigV4aSigner.create(config));
        sample(SigV4aVerifier.class, () -> SigV4aVerifier.create(config));
        adapterSamples(config);
        sample(dev.awssig.CredentialsLookup.class, () -> dev.awssig.CredentialsLookup.of(List.of(CREDENTIALS)));
        sample(dev.awssig.BodyVerificationException.class, () -> new dev.awssig.BodyVerificationException(
                VerificationResult.failure(AuthError.INCOMPLETE_BODY, "short")));
        sample(dev.awssig.servlet.VerifyingFilter.class, () -> dev.awssig.servlet.VerifyingFilter.builder()
                .secrets(SecretLookup.of(CREDENTIALS)).build());
        sample(dev.awssig.servlet.VerifyingFilter.Builder.class, dev.awssig.servlet.VerifyingFilter::builder);
        sample(dev.awssig.servlet.PostUpload.class, () -> dev.awssig.servlet.PostUpload.of("examplebucket",
                List.of(Map.entry("key", "up/a.txt")), "a.txt", "text/plain"));
        // the container's objects: the filter checks its arguments before it uses them
        sample(jakarta.servlet.ServletRequest.class, () -> stub(jakarta.servlet.ServletRequest.class));
        sample(jakarta.servlet.ServletResponse.class, () -> stub(jakarta.servlet.ServletResponse.class));
        sample(jakarta.servlet.FilterChain.class, () -> stub(jakarta.servlet.FilterChain.class));
    }

    /**
     * The adapters and the clients' types they take. Requests go to 127.0.0.1 (nothing listens on
     * the discard port); the chains and callbacks a handler proceeds with are stubs that fail.
     */
    private void adapterSamples(SigningConfig config) {
        String local = "http://127.0.0.1:9/examplebucket/cat.jpg";
        sample(java.net.http.HttpClient.class, () -> jdkClient);
        sample(java.net.http.HttpRequest.class, () -> java.net.http.HttpRequest.newBuilder(URI.create(local)).build());
        sample(java.net.http.HttpResponse.BodyHandler.class, java.net.http.HttpResponse.BodyHandlers::discarding);
        sample(java.net.http.HttpResponse.PushPromiseHandler.class, () -> stub(
                java.net.http.HttpResponse.PushPromiseHandler.class));
        sample(HttpRequestSigner.class, () -> HttpRequestSigner.of(HttpSigning.of(config)));
        sample(SigningHttpClient.class, () -> SigningHttpClient.wrap(jdkClient, HttpSigning.of(config)));
        sample(okhttp3.Request.class, () -> new okhttp3.Request.Builder().url(local).build());
        sample(AwsSigningInterceptor.class, () -> AwsSigningInterceptor.of(HttpSigning.of(config)));
        sample(org.apache.hc.core5.http.ClassicHttpRequest.class,
                () -> org.apache.hc.core5.http.io.support.ClassicRequestBuilder.get(local).build());
        sample(org.apache.hc.core5.http.HttpRequest.class,
                () -> org.apache.hc.core5.http.support.BasicRequestBuilder.get(local).build());
        sample(org.apache.hc.core5.http.nio.AsyncEntityProducer.class,
                () -> org.apache.hc.core5.http.nio.entity.AsyncEntityProducers.create("x"));
        org.apache.hc.client5.http.HttpRoute route = new org.apache.hc.client5.http.HttpRoute(
                new org.apache.hc.core5.http.HttpHost("127.0.0.1", 9));
        sample(org.apache.hc.client5.http.classic.ExecChain.Scope.class,
                () -> new org.apache.hc.client5.http.classic.ExecChain.Scope("ex-1", route,
                        org.apache.hc.core5.http.io.support.ClassicRequestBuilder.get(local).build(),
                        stub(org.apache.hc.client5.http.classic.ExecRuntime.class),
                        org.apache.hc.client5.http.protocol.HttpClientContext.create()));
        sample(org.apache.hc.client5.http.async.AsyncExecChain.Scope.class,
                () -> new org.apache.hc.client5.http.async.AsyncExecChain.Scope("ex-1", route,
                        org.apache.hc.core5.http.support.BasicRequestBuilder.get(local).build(),
                        stub(org.apache.hc.core5.concurrent.CancellableDependency.class),
                        org.apache.hc.client5.http.protocol.HttpClientContext.create(),
                        stub(org.apache.hc.client5.http.async.AsyncExecRuntime.class),
                        stub(org.apache.hc.client5.http.async.AsyncExecChain.Scheduler.class),
                        new java.util.concurrent.atomic.AtomicInteger(1)));
        sample(org.apache.hc.client5.http.classic.ExecChain.class,
                () -> stub(org.apache.hc.client5.http.classic.ExecChain.class));
        sample(org.apache.hc.client5.http.async.AsyncExecChain.class,
                () -> stub(org.apache.hc.client5.http.async.AsyncExecChain.class));
        sample(org.apache.hc.client5.http.async.AsyncExecCallback.class,
                () -> stub(org.apache.hc.client5.http.async.AsyncExecCallback.class));
        sample(org.apache.hc.client5.http.impl.classic.HttpClientBuilder.class,
                org.apache.hc.client5.http.impl.classic.HttpClientBuilder::create);
        sample(org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder.class,
                org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder::create);
        sample(AwsSigningExec.class, () -> AwsSigningExec.of(HttpSigning.of(config)));
        sample(AwsSigningAsyncExec.class, () -> AwsSigningAsyncExec.of(HttpSigning.of(config)));
        sample(software.amazon.awssdk.identity.spi.IdentityProviders.class,
                () -> software.amazon.awssdk.identity.spi.IdentityProviders.builder().build());
        sample(AwssigAuthScheme.class, AwssigAuthScheme::create);
        sample(AwssigHttpSigner.class, AwssigHttpSigner::create);
        sample(AwssigHttpSigner.Builder.class, AwssigHttpSigner::builder);
    }

    /** An implementation of an interface whose every method fails (the test never gets that far). */
    private static <T> T stub(Class<T> type) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "toString":
                            return "stub " + type.getSimpleName();
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            throw new UnsupportedOperationException("stub " + type.getSimpleName() + "."
                                    + method.getName());
                    }
                }));
    }

    private void sample(Class<?> type, Supplier<?> value) {
        samples.put(type, value::get);
    }

    /** Implementations of the API interfaces that the modules hand out. */
    private static Map<Class<?>, List<Object>> implementations() {
        SigningConfig config = SigningConfig.builder().credentials(CREDENTIALS).region("us-east-1").service("s3")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).option(SigningOption.secret("devpay.userToken", String.class),
                        "{UserToken}AAAEXAMPLE").build();
        Map<Class<?>, List<Object>> impls = new LinkedHashMap<>();
        Signers signers = Signers.discover();
        for (String algorithm : signers.algorithms()) {
            SignerProvider p = signers.provider(algorithm);
            impls.computeIfAbsent(SignerProvider.class, k -> new ArrayList<>()).add(p);
            impls.computeIfAbsent(Signer.class, k -> new ArrayList<>()).add(signers.signer(algorithm, config));
            impls.computeIfAbsent(Verifier.class, k -> new ArrayList<>()).add(signers.verifier(algorithm, config));
            try {
                impls.computeIfAbsent(Presigner.class, k -> new ArrayList<>()).add(signers.presigner(algorithm, config));
            } catch (RuntimeException noPresigner) {
                // AWS-QUERY-V2 has none
            }
        }
        impls.computeIfAbsent(Signer.class, k -> new ArrayList<>()).add(DevPay.signer(SigV4Signer.create(config),
                DevPayTokens.of("{UserToken}AAAEXAMPLE")));
        impls.put(CredentialsProvider.class, List.of(CredentialsProviders.of(CREDENTIALS),
                CredentialsProviders.defaultChain(Map.of(), new Properties(), Paths.get("/nonexistent"))));
        impls.put(SecretLookup.class, List.of(SecretLookup.of(CREDENTIALS)));
        impls.put(dev.awssig.CredentialsLookup.class, List.of(dev.awssig.CredentialsLookup.of(List.of(CREDENTIALS)),
                dev.awssig.CredentialsLookup.of(SecretLookup.of(CREDENTIALS))));
        impls.put(dev.awssig.StreamingVerifier.class, List.of(SigV4Verifier.create(config)));
        return impls;
    }

    private Object sampleOf(Class<?> type) {
        Supplier<Object> s = samples.get(type);
        if (s != null) {
            return s.get();
        }
        if (type == dev.awssig.v4.PayloadSigning.class) {
            return dev.awssig.v4.PayloadSigning.STREAMING_SIGNED_TRAILER; // the one kind AwsChunked takes
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == int.class) {
            return 1;
        }
        if (type == short.class) {
            return (short) 1;
        }
        if (type == byte.class) {
            return (byte) 1;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return 'x';
        }
        if (type == double.class) {
            return 1.0;
        }
        if (type == float.class) {
            return 1.0f;
        }
        throw new IllegalStateException("no sample value of " + type.getName() + ": add one to NullArgumentsTest");
    }

    /** The public API classes of the published modules: public classes outside internal packages. */
    static List<Class<?>> apiClasses() throws Exception {
        List<Class<?>> classes = new ArrayList<>();
        Map<String, Path> modules = Reactor.modules();
        String version = Reactor.version();
        for (String artifactId : Reactor.bomArtifacts()) {
            Path target = modules.get(artifactId).resolve("target");
            Path jar = target.resolve(artifactId + "-" + version + ".jar");
            Set<String> names = new TreeSet<>();
            if (Files.isRegularFile(jar)) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                        names.add(e.nextElement().getName());
                    }
                }
            } else {
                Path classesDir = target.resolve("classes");
                try (Stream<Path> s = Files.walk(classesDir)) {
                    s.forEach(p -> names.add(classesDir.relativize(p).toString().replace('\\', '/')));
                }
            }
            for (String n : names) {
                if (!n.endsWith(".class") || n.contains("/internal/") || n.startsWith("META-INF/")
                        || n.endsWith("module-info.class") || n.endsWith("package-info.class")) {
                    continue;
                }
                String className = n.substring(0, n.length() - ".class".length()).replace('/', '.');
                Class<?> c;
                try {
                    c = Class.forName(className, false, NullArgumentsTest.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(artifactId + " is published but not on this module's class path:"
                            + " add it as a dependency of integration-tests", e);
                }
                if (isApi(c)) {
                    classes.add(c);
                }
            }
        }
        return classes;
    }

    private static boolean isApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static String id(Executable e, Parameter p) {
        String owner = e.getDeclaringClass().getName();
        owner = owner.substring(owner.lastIndexOf('.') + 1);
        String name = e instanceof Constructor ? "<init>" : e.getName();
        return owner + "." + name + "/" + e.getParameterCount() + "(" + p.getName() + ")";
    }

    /** Calls with null at one position; returns what went wrong, or null when the rule held. */
    private String check(Executable e, Object receiver, int nullAt) {
        Parameter[] params = e.getParameters();
        if (!params[nullAt].isNamePresent()) {
            return e + ": compiled without parameter names (-parameters)";
        }
        String expected = params[nullAt].getName();
        boolean nullable = NULLABLE.contains(id(e, params[nullAt]));
        Object[] args = new Object[params.length];
        try {
            for (int j = 0; j < params.length; j++) {
                args[j] = j == nullAt ? null : sampleOf(params[j].getType());
            }
        } catch (IllegalStateException noSample) {
            return e + ": " + noSample.getMessage();
        }
        Throwable thrown = null;
        try {
            if (e instanceof Constructor) {
                ((Constructor<?>) e).newInstance(args);
            } else {
                ((Method) e).invoke(receiver, args);
            }
        } catch (InvocationTargetException ite) {
            thrown = ite.getCause();
        } catch (ReflectiveOperationException | IllegalArgumentException reflective) {
            return e + ": cannot call it (" + reflective + ")";
        }
        if (nullable) {
            return thrown instanceof NullPointerException
                    ? id(e, params[nullAt]) + " is documented to accept null but threw " + thrown : null;
        }
        if (!(thrown instanceof NullPointerException)) {
            return id(e, params[nullAt]) + ": null gave " + (thrown == null ? "no exception" : thrown.toString());
        }
        if (!expected.equals(thrown.getMessage())) {
            return id(e, params[nullAt]) + ": NullPointerException(\"" + thrown.getMessage() + "\"), expected the"
                    + " parameter name \"" + expected + "\"";
        }
        return null;
    }

    private void checkAll(Executable e, Object receiver, List<String> failures, int[] calls) {
        if (e.isSynthetic() || NOT_CHECKED.contains(e.getName())) {
            return;
        }
        if (e instanceof Constructor && Throwable.class.isAssignableFrom(e.getDeclaringClass())
                && Stream.of(e.getParameterTypes()).allMatch(t -> t == String.class || t == Throwable.class)) {
            return; // exceptions take a null message or cause, as every Throwable does
        }
        e.setAccessible(true);
        Class<?>[] types = e.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (types[i].isPrimitive()) {
                continue;
            }
            calls[0]++;
            String problem = check(e, receiver, i);
            if (problem != null) {
                failures.add(problem);
            }
        }
    }

    @Test
    void aNullArgumentThrowsNullPointerExceptionNamingTheParameter() throws Exception {
        List<String> failures = new ArrayList<>();
        int[] calls = {0};
        List<Class<?>> classes = apiClasses();
        Map<Class<?>, List<Object>> impls = implementations();
        for (Class<?> c : classes) {
            if (c.isInterface()) {
                for (Method m : c.getMethods()) {
                    if (m.getDeclaringClass() != c) {
                        continue;
                    }
                    if (Modifier.isStatic(m.getModifiers())) {
                        checkAll(m, null, failures, calls);
                    } else {
                        for (Object impl : impls.getOrDefault(c, List.of())) {
                            int before = failures.size();
                            checkAll(m, impl, failures, calls);
                            for (int f = before; f < failures.size(); f++) {
                                failures.set(f, failures.get(f) + " [on " + impl.getClass().getName() + "]");
                            }
                        }
                    }
                }
                continue;
            }
            if (!Modifier.isAbstract(c.getModifiers())) {
                for (Constructor<?> k : c.getConstructors()) {
                    checkAll(k, null, failures, calls);
                }
            }
            for (Method m : c.getMethods()) {
                if (m.getDeclaringClass() != c) {
                    continue;
                }
                Object receiver = null;
                if (!Modifier.isStatic(m.getModifiers())) {
                    try {
                        receiver = sampleOf(c);
                    } catch (IllegalStateException noSample) {
                        failures.add(m + ": " + noSample.getMessage());
                        continue;
                    }
                }
                checkAll(m, receiver, failures, calls);
            }
        }
        System.out.println("null-argument calls checked: " + calls[0] + " on " + classes.size() + " classes");
        assertTrue(classes.size() > 40 && calls[0] > 150, "checked too little: " + classes.size() + " classes, "
                + calls[0] + " calls");
        assertEquals("", String.join("\n", failures), failures.size() + " violations of the null-argument rule");
    }

    @Test
    void theRuleIsTheReadmes() throws IOException {
        String readme = Files.readString(Reactor.root().resolve("README.md"));
        assertTrue(readme.contains("a `null` argument throws `NullPointerException`"), "README states the rule");
    }
}
