package io.chatsignals.worker.provider;

import io.chatsignals.worker.provider.cloudapi.WhatsAppCloudRegistration;
import io.chatsignals.worker.provider.huawei.HuaweiCaseRegistration;
import io.chatsignals.worker.provider.infobip.InfobipRegistration;
import io.chatsignals.worker.provider.messenger.MessengerRegistration;
import io.chatsignals.worker.provider.rbm.RbmRegistration;
import io.chatsignals.worker.provider.twilio.TwilioRegistration;
import java.util.List;

/** The providers the worker executes commands for: one registration line each. */
public final class Registrations {
    /** Every registration, one per provider. */
    public static final List<GatewayRegistration> ALL = List.of(
            EightByEightRegistration.REGISTRATION,
            NxCloudRegistration.REGISTRATION,
            HuaweiCaseRegistration.REGISTRATION,
            WhatsAppCloudRegistration.REGISTRATION,
            InfobipRegistration.REGISTRATION,
            MessengerRegistration.REGISTRATION,
            TwilioRegistration.REGISTRATION,
            RbmRegistration.REGISTRATION);

    private Registrations() {}

    /**
     * @return the gateways of every registered provider
     * @throws IllegalArgumentException for a malformed provider setting, or two registrations of one provider
     */
    public static Gateways gateways(GatewayContext context) {
        return Gateways.of(ALL.stream().map(r -> r.create(context)).toArray(ProviderGateway[]::new));
    }

    /** @return the keys every registered provider's credentials are read from */
    public static List<String> secretKeys() {
        return ALL.stream().flatMap(r -> r.secretKeys().stream()).toList();
    }
}
