package io.interchange.directory;

import io.interchange.platform.ApiException;
import io.interchange.platform.CheckCharacters;
import io.interchange.platform.ErrorCode;
import io.interchange.platform.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

@ApplicationScoped
@Transactional
public class DepartmentService {

    private static final Pattern ID = Pattern.compile("^[a-z][a-z0-9-]{1,31}$");

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DepartmentView> list() {
        return Department.<Department>listAll(io.quarkus.panache.common.Sort.by("id")).stream()
                .map(Department::view)
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DepartmentView> find(String id) {
        return Department.<Department>findByIdOptional(id).map(Department::view);
    }

    /** The department, or 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DepartmentView get(String id) {
        return find(id).orElseThrow(() -> ApiException.notFound("department", id));
    }

    /** For a caller's own department: a token naming an unknown department may not act. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DepartmentView requireCallerDepartment(String id) {
        return find(id).orElseThrow(() -> ApiException.forbidden(
                ErrorCode.UNKNOWN_DEPARTMENT,
                "the token's department '" + id + "' is not registered in the directory"));
    }

    public DepartmentView create(DepartmentCommand command) {
        validate(command, command.id());
        if (Department.findById(command.id()) != null) {
            throw ApiException.conflict(ErrorCode.DEPARTMENT_EXISTS, "department " + command.id() + " already exists");
        }
        requireUniqueCode(command.code(), command.id());
        Department department = new Department();
        department.id = command.id();
        department.createdAt = OffsetDateTime.now();
        apply(department, command);
        department.persist();
        return department.view();
    }

    public DepartmentView update(String id, DepartmentCommand command) {
        Department department =
                Department.<Department>findByIdOptional(id).orElseThrow(() -> ApiException.notFound("department", id));
        validate(command, id);
        if (command.id() != null && !command.id().equals(id)) {
            throw ApiException.invalid("id", "does not match the path");
        }
        requireUniqueCode(command.code(), id);
        apply(department, command);
        return department.view();
    }

    /** Seed import: creates departments that do not exist yet and leaves existing ones alone. */
    public int importMissing(List<DepartmentCommand> commands) {
        int created = 0;
        for (DepartmentCommand command : commands) {
            if (Department.findById(command.id()) == null) {
                create(command);
                created++;
            }
        }
        return created;
    }

    private void apply(Department department, DepartmentCommand command) {
        department.code = command.code();
        department.name = command.name().strip();
        department.nameEn = command.nameEn();
        department.authority = Boolean.TRUE.equals(command.authority());
        department.updatedAt = OffsetDateTime.now();
    }

    private void requireUniqueCode(String code, String id) {
        Department other = Department.find("code", code).firstResult();
        if (other != null && !other.id.equals(id)) {
            throw ApiException.conflict(
                    ErrorCode.DEPARTMENT_CODE_EXISTS, "code " + code + " belongs to department " + other.id);
        }
    }

    private static void validate(DepartmentCommand command, String id) {
        new Validation()
                .require(id != null && ID.matcher(id).matches(), "id", "must match " + ID.pattern())
                .require(
                        CheckCharacters.isValidUscc(command.code()),
                        "code",
                        "must be an 18-character 统一社会信用代码 with a valid check character")
                .requireText(command.name(), "name", 200)
                .require(
                        command.nameEn() == null || command.nameEn().length() <= 200,
                        "nameEn",
                        "must be at most 200 characters")
                .throwIfInvalid();
    }
}
