package station

import (
	"fmt"
	"log/slog"
)

// slogAdapter sends the embedded server's log lines to the station's
// logger.
type slogAdapter struct{ log *slog.Logger }

func (l slogAdapter) Noticef(format string, v ...any) {
	l.log.Info("nats: " + fmt.Sprintf(format, v...))
}
func (l slogAdapter) Warnf(format string, v ...any) { l.log.Warn("nats: " + fmt.Sprintf(format, v...)) }
func (l slogAdapter) Fatalf(format string, v ...any) {
	l.log.Error("nats: " + fmt.Sprintf(format, v...))
}
func (l slogAdapter) Errorf(format string, v ...any) {
	l.log.Error("nats: " + fmt.Sprintf(format, v...))
}
func (l slogAdapter) Debugf(format string, v ...any) {
	l.log.Debug("nats: " + fmt.Sprintf(format, v...))
}
func (l slogAdapter) Tracef(format string, v ...any) {
	l.log.Debug("nats: " + fmt.Sprintf(format, v...))
}
