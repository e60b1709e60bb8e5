package io.msmeatlas.auth.user;

import io.msmeatlas.schemas.user.RoleGranted;
import io.msmeatlas.schemas.user.UserRegistered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final String ID = "user-1";

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    @Test
    void registering_records_who_the_user_is_and_the_starting_role() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ID, "asha@example.in", "Asha", Role.SELLER))
                .expectEvents(new UserRegistered(ID, "asha@example.in", "Asha", "SELLER"));
    }

    @Test
    void granting_a_new_role_records_it() {
        fixture.given(new UserRegistered(ID, "asha@example.in", "Asha", "BUYER"))
                .when(new GrantRole(ID, Role.ADMIN))
                .expectEvents(new RoleGranted(ID, "ADMIN"));
    }

    @Test
    void granting_a_role_the_user_holds_records_nothing() {
        fixture.given(new UserRegistered(ID, "asha@example.in", "Asha", "BUYER"), new RoleGranted(ID, "ADMIN"))
                .when(new GrantRole(ID, Role.ADMIN))
                .expectNoEvents();
    }

    @Test
    void the_starting_role_counts_as_held() {
        fixture.given(new UserRegistered(ID, "asha@example.in", "Asha", "SELLER"))
                .when(new GrantRole(ID, Role.SELLER))
                .expectNoEvents();
    }
}
