package io.interchange.access;

import io.interchange.directory.DepartmentService;
import io.interchange.directory.DepartmentView;
import io.interchange.platform.outbox.EventType;
import io.interchange.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who hears about what in the access workflow (docs/notifications.md): the department that must act next, and the
 * other party where the change concerns it. Published into the outbox in the transaction of the change, so a refused
 * or rolled-back act announces nothing. Payloads carry identifiers, statuses and dates, never personal data.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class AccessNotices {

    @Inject
    Outbox outbox;

    @Inject
    DepartmentService departments;

    void request(EventType type, AccessRequest r) {
        List<String> to = new ArrayList<>();
        switch (type) {
            // The requester's data officer must endorse its own department's filing.
            case REQUEST_FILED, REQUEST_REJECTED, REQUEST_NEEDS_INFO -> to.add(r.requesterDepartment);
            // The authority (hub-admin's department) must confirm a CORE approval.
            case REQUEST_AWAITING_AUTHORITY -> {
                to.add(r.requesterDepartment);
                departments.list().stream()
                        .filter(DepartmentView::authority)
                        .map(DepartmentView::id)
                        .forEach(to::add);
            }
            default -> {
                to.add(r.providerDepartment);
                to.add(r.requesterDepartment);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", r.id.toString());
        data.put("resourceId", r.resourceId);
        data.put("requesterDepartment", r.requesterDepartment);
        data.put("providerDepartment", r.providerDepartment);
        data.put("status", r.status.name());
        putIf(data, "dueAt", r.dueAt);
        putIf(data, "deliveryDueAt", r.deliveryDueAt);
        putIf(data, "grantId", r.grantId);
        if (type == EventType.REQUEST_REJECTED || type == EventType.REQUEST_NEEDS_INFO) {
            putIf(data, "reason", r.decisionReason);
        }
        if (type == EventType.REQUEST_NEEDS_INFO) {
            putIf(data, "missing", r.missing);
        }
        outbox.publish(to, type, data);
    }

    /** Suspension, revocation and approaching expiry concern the requester first; the provider is told as well. */
    void grant(EventType type, AccessGrant g) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("grantId", g.id.toString());
        data.put("resourceId", g.resourceId);
        data.put("requesterDepartment", g.requesterDepartment);
        data.put("providerDepartment", g.providerDepartment);
        data.put("status", g.status.name());
        data.put("validUntil", g.validUntil.toString());
        putIf(data, "reason", g.statusReason);
        putIf(data, "fixBy", g.fixBy);
        outbox.publish(List.of(g.requesterDepartment, g.providerDepartment), type, data);
    }

    private static void putIf(Map<String, Object> data, String name, Object value) {
        if (value != null) {
            data.put(
                    name,
                    value instanceof java.util.UUID || value instanceof java.time.LocalDate ? value.toString() : value);
        }
    }
}
