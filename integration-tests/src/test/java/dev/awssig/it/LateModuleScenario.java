package dev.awssig.it;

import dev.awssig.Credentials;
import dev.awssig.SigningConfig;
import dev.awssig.SigningOption;
import dev.awssig.v2.S3V2Verifier;
import dev.awssig.v4.SigV4Signer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a framework does that declares options by name before the module that reads them is
 * loaded: run by {@link OptionTypesTest} in a class loader of its own, so that no option class of
 * signer-v2 or signer-v4 is initialised before these declarations.
 */
public final class LateModuleScenario {
    private LateModuleScenario() {
    }

    /**
     * Declares {@code sigv4.chunkSize} as a Long and {@code sigv2.maxClockSkew} as a String, builds
     * configs with them, then creates a SigV4 signer and an S3 SigV2 verifier from them.
     *
     * @return what each step answered: the messages of the exceptions, in order
     */
    public static List<String> run() {
        List<String> answers = new ArrayList<>();
        SigningOption<Long> chunkSize = SigningOption.of("sigv4.chunkSize", Long.class);
        SigningConfig v4 = SigningConfig.builder()
                .credentials(Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
                .region("us-east-1").service("s3").option(chunkSize, 65536L).build();
        try {
            answers.add("created " + SigV4Signer.create(v4).algorithm());
        } catch (IllegalArgumentException e) {
            answers.add(e.getMessage());
        }
        try {
            SigningConfig.builder().option(chunkSize, 1024L);
            answers.add("set");
        } catch (IllegalArgumentException e) {
            answers.add(e.getMessage());
        }
        SigningOption<String> skew = SigningOption.of("sigv2.maxClockSkew", String.class);
        SigningConfig v2 = SigningConfig.builder().option(skew, "900").build();
        try {
            answers.add("created " + S3V2Verifier.create(v2).algorithm());
        } catch (IllegalArgumentException e) {
            answers.add(e.getMessage());
        }
        return answers;
    }
}
