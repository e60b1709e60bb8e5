package io.msmeatlas.auth.user;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@link PasswordPolicy} as a constraint on the registration body, so its messages arrive in
 * the same 422 as the other fields' and name the field {@code password}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AcceptablePassword.Validator.class)
@interface AcceptablePassword {

    String message() default "is not an acceptable password";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<AcceptablePassword, UserRequests.Register> {

        @Override
        public boolean isValid(UserRequests.Register request, ConstraintValidatorContext context) {
            var problems = PasswordPolicy.problems(request.password(), request.email());
            if (problems.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            problems.forEach(problem -> context.buildConstraintViolationWithTemplate(problem)
                    .addPropertyNode("password").addConstraintViolation());
            return false;
        }
    }
}
