package io.interchange.console;

import io.interchange.access.AccessService;
import io.interchange.access.AccessViews.FileRequest;
import io.interchange.access.AccessViews.RequestView;
import io.interchange.platform.ApiException;
import io.interchange.platform.Caller;
import io.interchange.platform.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files the cart's requests, one per resource, all or none: every request is checked by {@link AccessService#file};
 * when any is refused nothing is kept and the refusals of all of them come back at once.
 */
@ApplicationScoped
public class CartFiling {

    /** Field errors by resource id; {@code ""} holds errors of the fields the requests share. */
    public static class Refused extends RuntimeException {
        final transient Map<String, Map<String, String>> errors;

        Refused(Map<String, Map<String, String>> errors) {
            super("cart refused", null, false, false);
            this.errors = errors;
        }
    }

    static final List<String> SHARED_FIELDS = List.of("legalBasis", "scenario", "purpose", "mode", "validUntil");

    @Inject
    AccessService access;

    @Transactional
    public List<RequestView> fileAll(Caller caller, List<FileRequest> requests) {
        Map<String, Map<String, String>> errors = new LinkedHashMap<>();
        List<RequestView> filed = new ArrayList<>();
        for (FileRequest request : requests) {
            try {
                filed.add(access.file(caller, request));
            } catch (ApiException e) {
                if (e.code() != ErrorCode.VALIDATION_FAILED && e.code() != ErrorCode.NOT_SHARED) {
                    throw e;
                }
                Pages.fieldErrors(e).forEach((field, message) -> {
                    String owner = SHARED_FIELDS.contains(field) && !"mode".equals(field) ? "" : request.resourceId();
                    errors.computeIfAbsent(owner, k -> new LinkedHashMap<>()).putIfAbsent(field, message);
                });
            }
        }
        if (!errors.isEmpty()) {
            throw new Refused(errors);
        }
        return filed;
    }
}
