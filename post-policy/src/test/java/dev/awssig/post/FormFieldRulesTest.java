package dev.awssig.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.SigningConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules a form request's bucket, endpoint, extra fields and values follow, and the action URL
 * they give (S3's virtual-hosted and path-style addressing), checked through the public builder
 * and signer against URLs and refusals written out by hand.
 */
class FormFieldRulesTest {
    private static final Instant T0 = Instant.parse("2030-06-01T12:00:00Z");
    private static final PostPolicy POLICY = PostPolicy.builder().expiration(T0.plusSeconds(3600))
            .keyStartsWith("").build();
    private static final PostFormSigner SIGNER = PostFormSigner.v4(SigningConfig.builder()
            .credentials(Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
            .region("us-east-1").clock(Clock.fixed(T0, ZoneOffset.UTC)).build());

    private static URI action(String bucket, String endpoint) {
        PostFormRequest.Builder b = PostFormRequest.builder().bucket(bucket).policy(POLICY);
        if (endpoint != null) {
            b.endpoint(URI.create(endpoint));
        }
        return SIGNER.sign(b.build()).actionUrl();
    }

    // ---- addressing: virtual host for DNS-compatible buckets, the path otherwise

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a0z9", "my-bucket", "0ab", "9-z", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void aDnsCompatibleBucketOfThreeToSixtyThreeCharactersIsAddressedAsAVirtualHost(String bucket) {
        assertEquals(URI.create("https://" + bucket + ".s3.us-east-1.amazonaws.com/"), action(bucket, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a", "Abc", "abZ", "a.b.c", "a_b", "-ab", "ab-", "-",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void aBucketThatIsNotADnsLabelIsAddressedByPath(String bucket) {
        assertEquals(URI.create("https://s3.us-east-1.amazonaws.com/" + bucket), action(bucket, null));
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:9000,          http://localhost:9000/examplebucket",
        "HTTP://LocalHost,               http://LocalHost/examplebucket",
        "http://127.0.0.1:9000,          http://127.0.0.1:9000/examplebucket",
        "http://10.0.9.8,                http://10.0.9.8/examplebucket",
        "http://[::1]:9000,              http://[::1]:9000/examplebucket",
        "http://localhost:9000/s3//,     http://localhost:9000/s3/examplebucket",
        "http://minio.example.com:9000,  http://examplebucket.minio.example.com:9000/",
        "https://storage.example.com/base/, https://examplebucket.storage.example.com/base/",
        "http://10-0-0-1,                http://examplebucket.10-0-0-1/",
        "http://store.example:0,         http://examplebucket.store.example:0/",
    })
    void anEndpointOnAnIpAddressOrLocalhostIsAddressedByPathAndANamedHostAsAVirtualHost(String endpoint,
                                                                                         String expected) {
        assertEquals(URI.create(expected), action("examplebucket", endpoint));
    }

    // ---- bucket names

    @Test
    void aBucketNameOfOneTo255LettersDigitsDotsDashesAndUnderscoresIsAccepted() {
        for (String ok : new String[] {"a", "azAZ09.-_", "b".repeat(255)}) {
            assertEquals(ok, PostFormRequest.builder().bucket(ok).policy(POLICY).build().bucket());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostFormRequest.builder().bucket("b".repeat(256)));
        assertTrue(e.getMessage().startsWith("bucket:"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"`", "{", "@", "[", "/", ":", " ", "~", "\u00e9"})
    void aBucketNameWithAnyOtherCharacterIsRefusedNamingItsIndex(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostFormRequest.builder().bucket("ab" + bad + "c"));
        assertTrue(e.getMessage().startsWith("bucket:") && e.getMessage().endsWith("at index 2"), e.getMessage());
    }

    // ---- endpoints

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost", "https://localhost", "HTTPS://localhost"})
    void anHttpOrHttpsEndpointInAnyCaseIsAccepted(String endpoint) {
        assertEquals(URI.create(endpoint), PostFormRequest.builder().bucket("b").policy(POLICY)
                .endpoint(URI.create(endpoint)).build().endpoint().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({
        "ftp://localhost/,             must be an absolute http or https URI",
        "/relative/path,               must be an absolute http or https URI",
        "http:///no-host,              has no host",
        "http://localhost/?a=b,        must not have user info, a query or a fragment",
        "http://localhost/#top,        must not have user info, a query or a fragment",
        "http://user@localhost/,       must not have user info, a query or a fragment",
    })
    void anEndpointThatIsNotAPlainHttpBaseUrlIsRefusedSayingWhy(String endpoint, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostFormRequest.builder().endpoint(URI.create(endpoint)));
        assertTrue(e.getMessage().startsWith("endpoint: " + why), e.getMessage());
    }

    // ---- extra fields: the signer's own fields are not a caller's to set

    @ParameterizedTest
    @ValueSource(strings = {"Policy", "SIGNATURE", "awsAccessKeyId", "X-Amz-Algorithm", "x-amz-CREDENTIAL",
        "X-AMZ-DATE", "x-amz-Signature", "X-Amz-Security-Token", "File", "KEY", "Bucket"})
    void aFieldTheSignerSetsIsRefusedAsAnExtraFieldInAnyCase(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostFormRequest.builder().field(name, "v"));
        assertTrue(e.getMessage().startsWith("field '" + name + "': set by the signer"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"keys", "policy2", "x-amz-date-x", "bucket-name", "files", "acl", "x-amz-meta-key"})
    void aFieldNamedLikeButNotASignerFieldIsAnOrdinaryExtraField(String name) {
        PostFormRequest r = PostFormRequest.builder().bucket("b").policy(POLICY).field(name, "v").build();
        assertEquals(name, r.fields().get(0).name());
    }

    // ---- values: NUL and unpaired surrogates refused, pairs kept

    @Test
    void aValueWithASurrogatePairIsAcceptedAnywhereInIt() {
        for (String v : new String[] {"\uD83D\uDE00", "a\uD83D\uDE00", "\uD83D\uDE00b\uD83D\uDE01"}) {
            assertEquals(v, PostFormRequest.builder().bucket("b").policy(POLICY).key(v).build().key().orElseThrow());
            assertEquals(v, PostFormRequest.builder().bucket("b").policy(POLICY).field("x-amz-meta-v", v).build()
                    .fields().get(0).value());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "'ab\u0000',       must not contain NUL (index 2)",
        "'\u0000',         must not contain NUL (index 0)",
        "'ab\uD83D',       has an unpaired surrogate at index 2",
        "'ab\uD83Dx',      has an unpaired surrogate at index 2",
        "'ab\uDE00',       has an unpaired surrogate at index 2",
        "'\uD83D\uDE00\uDE00', has an unpaired surrogate at index 2",
        "'ab\uD83D\uD83D\uDE00', has an unpaired surrogate at index 2",
        "'ab\uDE00\uDE01', has an unpaired surrogate at index 2",
    })
    void aValueWithNulOrAnUnpairedSurrogateIsRefusedNamingTheFieldAndIndex(String value, String why) {
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> PostFormRequest.builder().key(value));
        assertEquals("field 'key': value " + why, key.getMessage());
        IllegalArgumentException field = assertThrows(IllegalArgumentException.class,
                () -> PostFormRequest.builder().field("acl", value));
        assertEquals("field 'acl': value " + why, field.getMessage());
    }
}
