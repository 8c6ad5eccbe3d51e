#ifndef HOSO_SERVICES_PLAN_SERVICE_H_
#define HOSO_SERVICES_PLAN_SERVICE_H_

#include "hoso/v1/hoso.grpc.pb.h"
#include "services/access/rpc_gate.h"

namespace hoso {

namespace storage {
class Store;
}

// The improvement plan: tasks, their evidence, and imports of plan tables.
class PlanServiceImpl final : public v1::PlanService::Service {
 public:
  PlanServiceImpl(storage::Store* store, const RpcGate* gate) : store_(store), gate_(gate) {}

  grpc::Status AddTask(grpc::ServerContext* context, const v1::AddTaskRequest* request,
                       v1::PlanTask* response) override;
  grpc::Status UpdateTask(grpc::ServerContext* context, const v1::UpdateTaskRequest* request,
                          v1::PlanTask* response) override;
  grpc::Status GetTask(grpc::ServerContext* context, const v1::GetTaskRequest* request,
                       v1::PlanTask* response) override;
  grpc::Status ListTasks(grpc::ServerContext* context, const v1::ListTasksRequest* request,
                         v1::ListTasksResponse* response) override;
  grpc::Status ImportPlan(grpc::ServerContext* context, const v1::ImportPlanRequest* request,
                          v1::ImportPlanResponse* response) override;

 private:
  storage::Store* const store_;
  const RpcGate* const gate_;
};

}  // namespace hoso

#endif  // HOSO_SERVICES_PLAN_SERVICE_H_
