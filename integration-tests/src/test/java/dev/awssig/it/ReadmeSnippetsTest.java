package dev.awssig.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of every Markdown file in the repository (the READMEs of the root
 * and of every module, and any other page) compiles against the modules, so a snippet cannot
 * drift from the API. New READMEs are picked up without changing this test.
 *
 * <p>How a block is compiled: its leading {@code import} lines (several may share one line) go
 * to the top of a source file; the rest becomes the body of a method that may throw anything, or,
 * when the block declares a top-level type itself, the rest of the file. Only the block's own
 * imports are visible (and {@code java.lang}). Variables a block uses but does not declare (the
 * request a server received, a file to upload) are declared in an HTML comment on the line just
 * before the fence, which a rendered page does not show:
 * {@code <!-- given: SignableRequest receivedRequest; Path file; -->}; its text is put into the
 * class around the method, so it may also declare helper methods. javac runs with
 * {@code -Xlint:all -Werror}, on the class path of this module, which depends on every published
 * module.
 */
class ReadmeSnippetsTest {
    private static final Pattern GIVEN = Pattern.compile("^\\s*<!--\\s*given:(.*)-->\\s*$");
    private static final Pattern IMPORTS = Pattern.compile("^\\s*(import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*)+$");
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(public\\s+|final\\s+|abstract\\s+|sealed\\s+)*(class|interface|record|enum)\\s+(\\w+).*");

    @TempDir
    Path tmp;

    /** One {@code ```java} block. */
    static final class Snippet {
        final String file;
        final int firstLine;
        final String code;
        final String given;

        Snippet(String file, int firstLine, String code, String given) {
            this.file = file;
            this.firstLine = firstLine;
            this.code = code;
            this.given = given;
        }

        @Override
        public String toString() {
            return file + ":" + firstLine;
        }
    }

    /** The {@code ```java} blocks of a Markdown text, each with the line its code starts on. */
    static List<Snippet> snippets(String file, String markdown) {
        List<Snippet> found = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        StringBuilder code = null;
        int start = 0;
        String given = "";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String fence = line.strip();
            if (code == null && fence.startsWith("```") && fence.substring(3).strip().toLowerCase(Locale.ROOT)
                    .equals("java")) {
                code = new StringBuilder();
                start = i + 2;
                Matcher m = i > 0 ? GIVEN.matcher(lines[i - 1]) : null;
                given = m != null && m.matches() ? m.group(1).strip() : "";
            } else if (code != null && fence.equals("```")) {
                found.add(new Snippet(file, start, code.toString(), given));
                code = null;
            } else if (code != null) {
                code.append(line).append('\n');
            }
        }
        if (code != null) {
            throw new IllegalArgumentException(file + ":" + (start - 1) + ": a ```java block is never closed");
        }
        return found;
    }

    /**
     * A compilation unit for a snippet. Line n of the snippet is line n of the unit: the package
     * clause and the wrapper's opening share a line with the snippet's first lines.
     */
    static final class Unit {
        final String className;
        final String source;

        Unit(String className, String source) {
            this.className = className;
            this.source = source;
        }
    }

    static Unit unit(String pkg, Snippet s) {
        String[] lines = s.code.split("\n", -1);
        int body = 0;
        StringBuilder imports = new StringBuilder();
        while (body < lines.length && (lines[body].isBlank() || IMPORTS.matcher(lines[body]).matches())) {
            imports.append(lines[body]).append('\n');
            body++;
        }
        StringBuilder src = new StringBuilder("package ").append(pkg).append(";");
        src.append(imports);
        String rest = String.join("\n", java.util.Arrays.copyOfRange(lines, body, lines.length));
        String topType = null;
        for (String l : rest.split("\n", -1)) {
            Matcher m = TOP_LEVEL_TYPE.matcher(l);
            if (m.matches()) {
                topType = m.group(3);
                break;
            }
        }
        if (topType != null) {
            src.append(rest);
            return new Unit(topType, src.toString());
        }
        src.append("@SuppressWarnings(\"unused\") abstract class Snippet { ").append(s.given)
                .append(" void run() throws Exception {");
        src.append(rest).append("\n}}\n");
        return new Unit("Snippet", src.toString());
    }

    @Test
    void everyJavaSnippetOfEveryMarkdownFileCompiles() throws IOException {
        List<Snippet> all = new ArrayList<>();
        Map<String, Integer> perFile = new HashMap<>();
        for (Path md : Reactor.markdownFiles()) {
            String name = Reactor.root().relativize(md).toString().replace(File.separatorChar, '/');
            List<Snippet> found = snippets(name, Files.readString(md, StandardCharsets.UTF_8));
            all.addAll(found);
            if (!found.isEmpty()) {
                perFile.put(name, found.size());
            }
        }
        System.out.println("README snippets compiled: " + perFile);
        for (String readme : List.of("README.md", "signer-api/README.md", "signer-v4/README.md", "signer-v2/README.md",
                "devpay/README.md", "post-policy/README.md")) {
            assertTrue(perFile.containsKey(readme), readme + " has Java snippets, but none were found");
        }
        Map<Path, Snippet> sources = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Unit u = unit("snippet" + i, all.get(i));
            Path file = tmp.resolve("src/snippet" + i + "/" + u.className + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, u.source, StandardCharsets.UTF_8);
            sources.put(file, all.get(i));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Boolean ok = javac.getTask(null, files, diagnostics, List.of("-d", tmp.resolve("classes").toString(),
                    "-classpath", classpath, "-proc:none", "-Xlint:all", "-Werror", "-encoding", "UTF-8"), null,
                    files.getJavaFileObjectsFromPaths(sources.keySet())).call();
            StringBuilder report = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                Snippet s = d.getSource() == null ? null : sources.get(Path.of(d.getSource().toUri()));
                report.append(s == null ? "" : s.file + ":" + (s.firstLine + d.getLineNumber() - 1) + ": ")
                        .append(d.getKind()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
            }
            if (!Boolean.TRUE.equals(ok)) {
                fail("README snippets do not compile (file:line of the Markdown):\n" + report);
            }
        }
    }

    @Test
    void everyAwssigVersionInTheDocsIsTheProjectVersion() throws Exception {
        String version = Reactor.version();
        Pattern dependency = Pattern.compile("<groupId>dev\\.awssig</groupId>\\s*<artifactId>([^<]+)</artifactId>"
                + "(?:\\s*<!--.*?-->)?\\s*<version>([^<]+)</version>", Pattern.DOTALL);
        StringBuilder wrong = new StringBuilder();
        for (Path md : Reactor.markdownFiles()) {
            Matcher m = dependency.matcher(Files.readString(md, StandardCharsets.UTF_8));
            while (m.find()) {
                if (!m.group(2).strip().equals(version)) {
                    wrong.append(Reactor.root().relativize(md)).append(": ").append(m.group(1)).append(' ')
                            .append(m.group(2)).append('\n');
                }
            }
        }
        assertEquals("", wrong.toString(), "dependency blocks must name the project's version " + version);
    }

    @Test
    void blocksImportsAndGivensAreReadAsDocumented() {
        String md = "text\n```java\nimport a.B; import c.*;\nB b = new B();\n```\n```xml\n<x/>\n```\n"
                + "<!-- given: Foo foo; int n; -->\n```java\nfoo.bar(n);\n```\n";
        List<Snippet> s = snippets("X.md", md);
        assertEquals(2, s.size());
        assertEquals(3, s.get(0).firstLine);
        assertEquals("import a.B; import c.*;\nB b = new B();\n", s.get(0).code);
        assertEquals("", s.get(0).given);
        assertEquals("Foo foo; int n;", s.get(1).given);
        assertEquals(11, s.get(1).firstLine);
        Unit u = unit("p", s.get(0));
        assertTrue(u.source.startsWith("package p;import a.B; import c.*;\n"), u.source);
        assertFalse(u.source.contains("void run() throws Exception {import"), u.source);
        Unit typed = unit("p", snippets("Y.md", "```java\nimport x.Y;\n\npublic final class Demo {\n}\n```\n").get(0));
        assertEquals("Demo", typed.className);
    }
}
