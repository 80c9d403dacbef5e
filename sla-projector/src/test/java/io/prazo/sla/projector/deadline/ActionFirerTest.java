package io.prazo.sla.projector.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import io.prazo.sla.projector.deadline.ActionAttempts.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionFirerTest {

  @ParameterizedTest
  @CsvSource({
    "200, ACCEPTED",
    "201, ACCEPTED",
    "404, REFUSED",
    "409, REFUSED",
    "422, REFUSED",
    "400, RETRYING",
    "401, RETRYING",
    "403, RETRYING",
    "412, RETRYING",
    "429, RETRYING",
    "500, RETRYING",
    "503, RETRYING"
  })
  void answersThatMeanTheTicketMovedOnSettleAnActionOthersAreRetried(int status, Outcome outcome) {
    assertThat(ActionFirer.classify(status)).isEqualTo(outcome);
  }
}
