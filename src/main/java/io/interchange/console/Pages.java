package io.interchange.console;

import io.interchange.directory.DepartmentService;
import io.interchange.directory.DepartmentView;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.HubConfig;
import io.interchange.platform.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders console pages for the current request: language, the CSRF form token, the chrome around every page, HTML
 * error pages (never a stack trace), and the cookies the console sets.
 */
@RequestScoped
public class Pages {

    static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8.name());
    private static final SecureRandom RANDOM = new SecureRandom();

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance error(Chrome c, int status, String detail);
    }

    @Inject
    HttpServerRequest request;

    @Inject
    SecurityIdentity identity;

    @Inject
    Caller caller;

    @Inject
    HubConfig config;

    @Inject
    DepartmentService departments;

    private String csrf;
    private boolean newCsrf;

    /** {@code en} or {@code zh} (the default), remembered in a cookie. */
    public String lang() {
        Cookie cookie = request.getCookie(ConsoleHttp.LANG_COOKIE);
        return cookie != null && "en".equals(cookie.getValue()) ? "en" : "zh";
    }

    public Locale locale() {
        return "en".equals(lang()) ? Locale.ENGLISH : Locale.forLanguageTag("zh");
    }

    public boolean en() {
        return "en".equals(lang());
    }

    /** The double-submit token: the value of the HttpOnly CSRF cookie, created on the first page that needs it. */
    public String csrf() {
        if (csrf == null) {
            Cookie cookie = request.getCookie(ConsoleHttp.CSRF_COOKIE);
            if (cookie != null && cookie.getValue().length() >= 32) {
                csrf = cookie.getValue();
            } else {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                newCsrf = true;
            }
        }
        return csrf;
    }

    /** A form without the token of this browser's CSRF cookie is refused (403) before anything happens. */
    public void checkCsrf(String formToken) {
        Cookie cookie = request.getCookie(ConsoleHttp.CSRF_COOKIE);
        if (formToken == null
                || cookie == null
                || !MessageDigest.isEqual(
                        formToken.getBytes(StandardCharsets.UTF_8),
                        cookie.getValue().getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenException("missing or wrong CSRF token");
        }
    }

    /** Resource ids in this browser's request cart. */
    public List<String> cart() {
        Cookie cookie = request.getCookie(ConsoleHttp.CART_COOKIE);
        return CartPages.parse(cookie == null ? null : cookie.getValue());
    }

    public boolean https() {
        return "https".equalsIgnoreCase(request.scheme());
    }

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    /** Department names in the page's language, by id. */
    public Map<String, String> departmentNames() {
        return departments.list().stream().collect(Collectors.toMap(DepartmentView::id, this::name, (a, b) -> a));
    }

    public String name(DepartmentView department) {
        return en() && department.nameEn() != null ? department.nameEn() : department.name();
    }

    public Chrome chrome() {
        return chrome(signedIn());
    }

    /** The sign-in page never looks at the (possibly stale) session. */
    public Chrome anonymousChrome() {
        return chrome(false);
    }

    private Chrome chrome(boolean signedIn) {
        String here = request.uri();
        String back = ConsolePaths.encode(ConsolePaths.safeBack(here));
        String persona = null;
        String department = null;
        String roles = null;
        if (signedIn) {
            persona = caller.clientId();
            department = departments.find(caller.department()).map(this::name).orElse(caller.department());
            roles = new TreeSet<>(identity.getRoles())
                    .stream().map(Labels::role).collect(Collectors.joining("、"));
        }
        return new Chrome(
                lang(),
                csrf(),
                config.demo().active(),
                signedIn,
                persona,
                department,
                roles,
                signedIn && is(Roles.CONSUMER),
                signedIn && (is(Roles.DATA_OFFICER) || is(Roles.HUB_ADMIN)),
                signedIn && (is(Roles.AUDITOR) || is(Roles.HUB_AUDITOR)),
                signedIn && is(Roles.HUB_ADMIN),
                signedIn && is(Roles.CONSUMER) ? cart().size() : 0,
                ConsoleHttp.PATH + "/lang?to=zh&back=" + back,
                ConsoleHttp.PATH + "/lang?to=en&back=" + back,
                signedIn && is(Roles.STEWARD));
    }

    public Response render(TemplateInstance page) {
        return render(200, page);
    }

    public Response render(int status, TemplateInstance page) {
        String html = page.setLocale(locale()).render();
        Response.ResponseBuilder response = Response.status(status).type(HTML).entity(html);
        if (newCsrf) {
            response.cookie(cookie(ConsoleHttp.CSRF_COOKIE, csrf, -1));
        }
        return response.build();
    }

    public Response redirect(String path, NewCookie... cookies) {
        return Response.seeOther(URI.create(path)).cookie(cookies).build();
    }

    /** HttpOnly, SameSite=Strict, Path=/console, Secure over https; {@code maxAge} 0 deletes, -1 lasts the session. */
    public NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name)
                .value(value)
                .path(ConsoleHttp.PATH)
                .httpOnly(true)
                .secure(https())
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge(maxAge)
                .build();
    }

    // --- errors ---------------------------------------------------------------------------------------------------

    /** A refusal from a service, as a page: 403/404/409/422… with its detail, which is escaped like any text. */
    public Response error(ApiException e) {
        int status = e.code().status();
        if (status >= 500) {
            return error(500, ErrorCode.INTERNAL_ERROR.title());
        }
        String detail = e.code() == ErrorCode.NOT_FOUND ? null : e.getMessage();
        return error(status, detail);
    }

    public Response error(int status, String detail) {
        Chrome chrome;
        try {
            chrome = chrome();
        } catch (RuntimeException e) {
            chrome = anonymousChrome();
        }
        return render(status, Templates.error(chrome, status, detail));
    }

    public Response forbidden() {
        return error(403, null);
    }

    @Inject
    ConsoleOidc oidc;

    /** No or expired session: back to sign-in (the demo page, or the provider's), dropping a stale demo cookie. */
    public Response signIn() {
        String to = oidc.active() ? ConsoleOidc.SIGN_IN : ConsoleHttp.PATH + "/sign-in";
        return redirect(to, cookie(ConsoleHttp.SESSION_COOKIE, "", 0));
    }

    public boolean codeFlow() {
        return oidc.active();
    }

    /** Field errors of a refused command, by form field ({@code items[2]} → {@code items}), for the inputs. */
    public static Map<String, String> fieldErrors(ApiException e) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        e.toProblem()
                .errors()
                .forEach(f -> errors.merge(
                        f.field().replaceAll("\\[\\d+]$", ""), f.message(), (a, b) -> a.equals(b) ? a : a + "; " + b));
        return errors;
    }

    private static final Map<String, String> ZH_ERRORS = Map.ofEntries(
            Map.entry("is required", "必填"),
            Map.entry("must not be empty", "不能为空"),
            Map.entry("is required (YYYY-MM-DD)", "必填（格式 YYYY-MM-DD）"),
            Map.entry("is required (API, BULK or FILE)", "必填（接口、批量或文件）"),
            Map.entry("must be a future date", "须为将来的日期"),
            Map.entry("is not one of the choices", "不是可选项之一"),
            Map.entry("is not a date (YYYY-MM-DD)", "不是有效日期（YYYY-MM-DD）"),
            Map.entry("is required to reject", "拒绝时必须说明理由"),
            Map.entry("list everything that is missing, one per line", "请一次列出所有需补充的材料，每行一项"),
            Map.entry("choose at least one item to approve", "请至少选择一个同意共享的信息项"),
            Map.entry("was not requested", "不在申请的信息项中"),
            Map.entry("is empty", "是空的"),
            Map.entry("see the resources below", "请查看下面各资源的提示"),
            Map.entry("must be http or https", "须为 http 或 https"),
            Map.entry("must be a number from 1 to 65535", "须为 1 到 65535 之间的数字"),
            Map.entry("must be written in lower case", "须用小写字母书写"),
            Map.entry("is a cloud metadata service and can never be an upstream", "是云元数据服务，不能作为上游"),
            Map.entry("is a cloud metadata address and can never be an upstream", "是云元数据地址，不能作为上游"),
            Map.entry("is a link-local address and can never be an upstream", "是链路本地地址，不能作为上游"),
            Map.entry(
                    "names the local machine; allow-list the loopback address 127.0.0.1 instead",
                    "指向本机，请改为列出环回地址 127.0.0.1"),
            Map.entry("is not a valid host name (letters, digits and hyphens per label)", "不是有效的主机名（每段只能含字母、数字和连字符）"));

    /** Field errors in the page's language where the console knows the message; the service's words otherwise. */
    public Map<String, String> localized(Map<String, String> errors) {
        if (en() || errors.isEmpty()) {
            return errors;
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        errors.forEach((field, message) -> out.put(field, ZH_ERRORS.getOrDefault(message, message)));
        return out;
    }

    static <T, R> List<R> map(List<T> list, Function<T, R> f) {
        List<R> out = new ArrayList<>(list.size());
        list.forEach(t -> out.add(f.apply(t)));
        return out;
    }
}
