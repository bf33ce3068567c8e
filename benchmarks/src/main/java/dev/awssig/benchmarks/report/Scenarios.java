package dev.awssig.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Titles and order of the scenarios (benchmark classes) and implementations (methods) in the
 * report.
 */
final class Scenarios {
    /** Scenario class name to title, in report order. */
    static final Map<String, String> TITLES = new LinkedHashMap<>();
    /** Implementation method name to label, in report order. */
    static final Map<String, String> LABELS = new LinkedHashMap<>();
    /** The chunked-encoding scenario, reported as throughput. */
    static final String CHUNKED = "SigV4ChunkedUpload";
    /** The chunked verification scenario, reported as throughput too. */
    static final String CHUNKED_VERIFY = "SigV4ChunkedVerify";

    static {
        TITLES.put("SigV4HeaderS3Get", "SigV4 header: S3 GET /test.txt (Range)");
        TITLES.put("SigV4HeaderIamListUsers", "SigV4 header: IAM ListUsers");
        TITLES.put("SigV4HeaderSessionToken", "SigV4 header: session token");
        TITLES.put("SigV4DevPay", "SigV4 header + DevPay tokens");
        TITLES.put("SigV4PresignS3Get", "SigV4 presign: S3 GET /test.txt");
        TITLES.put("SigV4VerifyS3Get", "SigV4 verify: S3 GET /test.txt");
        TITLES.put("SigV4VerifyLargestRequest", "SigV4 verify: largest request within the default limits");
        TITLES.put("SigV4VerifyPresignS3Get", "SigV4 verify presigned: S3 GET /test.txt");
        TITLES.put("SigV4aHeaderS3Get", "SigV4a header: S3 GET /test.txt (Range), region set *");
        TITLES.put("SigV4aVerifyS3Get", "SigV4a verify: S3 GET /test.txt");
        TITLES.put("SigV4PostPolicy", "SigV4 POST policy: signature");
        TITLES.put("SigV4PostForm", "SigV4 POST form: whole form");
        TITLES.put("SigV4PostEnforce", "SigV4 POST form: enforcing a submission");
        TITLES.put(CHUNKED, "aws-chunked signed, 1 MiB in 64 KiB chunks");
        TITLES.put(CHUNKED_VERIFY, "aws-chunked verify, 1 MiB in 64 KiB chunks");
        TITLES.put("VirtualThreads", "S3 GET /test.txt per task: new virtual thread vs pooled platform thread");
        TITLES.put("SdkGetObjectRequestPath", "AWS SDK v2 S3Client GetObject, whole request path (no-op HTTP)");
        TITLES.put("SigV2HeaderS3Get", "SigV2 header: S3 GET puppy.jpg");
        TITLES.put("SigV2PresignS3Get", "SigV2 presign: S3 puppy.jpg");
        TITLES.put("SigV2VerifyS3Get", "SigV2 verify: S3 GET puppy.jpg");
        TITLES.put("SigV2PostPolicy", "SigV2 POST policy: signature");
        TITLES.put("SigV2PostForm", "SigV2 POST form: whole form");

        LABELS.put("awssig", "awssig");
        LABELS.put("awsSdkV2", "AWS SDK v2 " + Versions.get("awssdk2"));
        LABELS.put("awsSdkV1", "AWS SDK v1 " + Versions.get("awssdk1"));
        LABELS.put("minio", "MinIO " + Versions.get("minio"));
        LABELS.put("crt", "AWS CRT " + Versions.get("awscrt") + " (native)");
        LABELS.put("forged", "awssig, zero signature");
        LABELS.put("overLimit", "awssig, one parameter over the limit");
        LABELS.put("s3proxy", "s3proxy " + Versions.get("s3proxy"));
        LABELS.put("floor", "floor (crypto only)");
        LABELS.put("sha256Only", "floor (SHA-256 only)");
    }

    private Scenarios() {
    }

    /**
     * Whether a scenario is an aws-chunked one, reported in MB/s of its 1 MiB payload.
     *
     * @param scenario class simple name
     * @return whether it is
     */
    static boolean isChunked(String scenario) {
        return scenario.equals(CHUNKED) || scenario.equals(CHUNKED_VERIFY);
    }

    /**
     * The title of a scenario.
     *
     * @param scenario class simple name
     * @return the title, or the name
     */
    static String title(String scenario) {
        return TITLES.getOrDefault(scenario, scenario);
    }

    /**
     * The label of an implementation.
     *
     * @param implementation method name
     * @return the label, or the name
     */
    static String label(String implementation) {
        return LABELS.getOrDefault(implementation, implementation);
    }

    /**
     * Sort key of a scenario.
     *
     * @param scenario class simple name
     * @return its index, unknown ones last
     */
    static int order(String scenario) {
        int i = List.copyOf(TITLES.keySet()).indexOf(scenario);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /**
     * Sort key of an implementation.
     *
     * @param implementation method name
     * @return its index, unknown ones between peers and the floor
     */
    static int implOrder(String implementation) {
        int i = List.copyOf(LABELS.keySet()).indexOf(implementation);
        return i < 0 ? 4 : i;
    }
}
