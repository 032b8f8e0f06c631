// FlowLab's public API uses FlowSupport's `AtomicFile`; importing FlowLab makes it available, as before the helper moved.
@_exported import FlowSupport
